"""Progress reports: who may send them, what is checked, what is kept, how the roll-up follows."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, ProgressState, Quantity
from hoptac.plans.services.rollup import refresh_rollup
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.errors import ProgressConflict, TrackingError
from hoptac.tracking.models import Evidence, ProgressUpdate
from hoptac.tracking.services.progress import EvidenceFile, ProgressReport, progress_comment, progress_report
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return make_plan(issuer=world["ours"])


@pytest.fixture
def led(world, plan):
    """An activity the office leads and the advice department coordinates, with a target of 200."""
    activity = activity_at(plan, "Tháng 4/2024", lead=world["office"], title="Đăng tin bài")
    Assignment.objects.create(
        activity=activity, organisation=world["advice"], role=AssignmentRole.COORDINATING
    )
    Quantity.objects.create(activity=activity, value=200, unit="tin bài", text="200 tin bài")
    return activity


def report(activity, user, **fields):
    activity = Activity.objects.get(pk=activity.pk)
    return progress_report(
        activity=activity, version=activity.progress_version, by=user, report=ProgressReport(**fields)
    )


def test_lead_reports_progress_with_quantity_and_evidence(world, led, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    target = led.quantities.get()
    done = report(
        led,
        world["users"]["office"],
        state=ProgressState.IN_PROGRESS,
        percent=60,
        result="Đã đăng 158 tin",
        quantities={target.pk: "158"},
        units={target.pk: "Tin bài"},
        files=[EvidenceFile("Báo cáo.pdf", b"%PDF-1.4 minutes")],
    )
    assert (done.progress_state, done.percent, done.result, done.progress_version) == (
        ProgressState.IN_PROGRESS,
        60,
        "Đã đăng 158 tin",
        1,
    )
    assert done.progress_by == world["users"]["office"]
    target.refresh_from_db()
    assert target.achieved == Decimal("158.00")
    update = ProgressUpdate.objects.get()
    assert update.by_organisation == world["office"]
    assert update.quantities.get().value == Decimal("158.00")
    evidence = Evidence.objects.get()
    assert evidence.name == "Báo cáo.pdf"
    assert (tmp_path / evidence.file.name).read_bytes() == b"%PDF-1.4 minutes"
    # django-simple-history keeps who changed the activity and what it was before.
    assert [h.progress_state for h in done.history.order_by("history_id")][-2:] == [
        "not_started",
        "in_progress",
    ]


def test_done_means_100_percent_and_a_completion_date(world, led):
    done = report(led, world["users"]["office"], state=ProgressState.DONE, completed_on=date(2024, 4, 20))
    assert (done.percent, done.completed_on) == (100, date(2024, 4, 20))


def test_coordinating_unit_comments_but_cannot_report(world, led):
    with pytest.raises(PermissionDenied):
        report(led, world["users"]["advice"], state=ProgressState.DONE)
    comment = progress_comment(activity=led, by=world["users"]["advice"], note="Đã gửi danh sách")
    assert comment.kind == ProgressUpdate.Kind.COMMENT
    assert Activity.objects.get(pk=led.pk).progress_version == 0


@pytest.mark.parametrize("role", ["member", "other_staff", "viewer", "leader"])
def test_others_cannot_report(world, led, role):
    with pytest.raises(PermissionDenied):
        report(led, world["users"][role], state=ProgressState.DONE)
    assert not ProgressUpdate.objects.exists()


def test_plan_owner_reports_for_its_units(world, led):
    assert report(led, world["users"]["staff"], state=ProgressState.IN_PROGRESS, percent=10).percent == 10


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"state": ProgressState.IN_PROGRESS, "percent": 150}, "từ 0 đến 100"),
        ({"state": ProgressState.IN_PROGRESS, "percent": -5}, "từ 0 đến 100"),
        ({"state": ProgressState.IN_PROGRESS, "percent": "abc"}, "không phải là tỷ lệ"),
        ({"state": ProgressState.IN_PROGRESS, "percent": "12.5"}, "số nguyên"),
        ({"state": "finished"}, "không phải là một tình trạng"),
        ({"state": ProgressState.DONE, "completed_on": date(2099, 1, 1)}, "sau ngày hôm nay"),
        ({"state": ProgressState.IN_PROGRESS, "percent": 100}, "Đạt 100%"),
    ],
)
def test_bad_reports_save_nothing(world, led, fields, message):
    with pytest.raises(TrackingError, match=message):
        report(led, world["users"]["office"], **fields)
    assert not ProgressUpdate.objects.exists()
    assert Activity.objects.get(pk=led.pk).progress_version == 0


def test_quantity_in_the_wrong_unit_saves_nothing(world, led, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    target = led.quantities.get()
    with pytest.raises(TrackingError, match="tính bằng"):
        report(
            led,
            world["users"]["office"],
            state=ProgressState.IN_PROGRESS,
            percent=50,
            quantities={target.pk: 30},
            units={target.pk: "lớp tập huấn"},
            files=[EvidenceFile("a.pdf", b"x")],
        )
    assert not ProgressUpdate.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))
    assert Quantity.objects.get(pk=target.pk).achieved is None


def test_quantity_of_another_activity_is_refused(world, led, plan):
    other = activity_at(plan, "Tháng 5/2024", lead=world["office"], position=5)
    foreign = Quantity.objects.create(activity=other, value=5, unit="lớp")
    with pytest.raises(TrackingError, match="không thuộc chỉ tiêu nào"):
        report(led, world["users"]["office"], state=ProgressState.IN_PROGRESS, quantities={foreign.pk: 1})


@pytest.mark.parametrize("name", ["virus.exe", "empty.pdf"])
def test_bad_evidence_saves_nothing(world, led, name):
    data = b"MZ" if name.endswith(".exe") else b""
    with pytest.raises(TrackingError):
        report(
            led,
            world["users"]["office"],
            state=ProgressState.IN_PROGRESS,
            percent=5,
            files=[EvidenceFile(name, data)],
        )
    assert not ProgressUpdate.objects.exists()


def test_a_report_begun_before_another_is_a_conflict(world, led):
    stale = Activity.objects.get(pk=led.pk)
    report(led, world["users"]["office"], state=ProgressState.IN_PROGRESS, percent=30)
    with pytest.raises(ProgressConflict):
        progress_report(
            activity=stale,
            version=stale.progress_version,
            by=world["users"]["staff"],
            report=ProgressReport(state=ProgressState.DONE),
        )
    assert Activity.objects.get(pk=led.pk).percent == 30
    assert ProgressUpdate.objects.count() == 1


def test_rollup_weights_children_and_skips_cancelled(world, plan):
    heading = activity_at(plan, "Năm 2024", title="I.", position=0)
    a = activity_at(plan, "Tháng 4/2024", parent=heading, position=1, percent=50)
    b = activity_at(plan, "Tháng 5/2024", parent=heading, position=2, progress_state=ProgressState.DONE)
    activity_at(plan, "Tháng 6/2024", parent=heading, position=3, progress_state=ProgressState.CANCELLED)
    other = activity_at(plan, "Quý IV/2024", position=4, percent=0)
    assert refresh_rollup(plan.pk) == 37.5  # ((50 + 100) / 2 + 0) / 2
    assert Activity.objects.get(pk=heading.pk).rollup_percent == 75
    # Weights: the done child counts three times as much as the half-done one.
    Activity.objects.filter(pk=b.pk).update(weight=3)
    Activity.objects.filter(pk=other.pk).update(weight=0)
    assert refresh_rollup(plan.pk) == 87.5
    assert Plan.objects.get(pk=plan.pk).progress_percent == 87.5
    assert Activity.objects.get(pk=a.pk).rollup_percent == 50


def test_report_refreshes_the_plans_percent(world, led, plan):
    activity_at(plan, "Tháng 5/2024", lead=world["office"], position=5)
    report(led, world["users"]["office"], state=ProgressState.DONE)
    assert Plan.objects.get(pk=plan.pk).progress_percent == 50


def test_an_editor_sets_a_weight_and_the_plan_follows(client, world, plan):
    done = activity_at(plan, "Tháng 4/2024", position=0, progress_state=ProgressState.DONE)
    other = activity_at(plan, "Tháng 5/2024", position=1)
    refresh_rollup(plan.pk)
    assert Plan.objects.get(pk=plan.pk).progress_percent == 50
    client.force_login(world["users"]["staff"])
    url = reverse("plans:activity-edit", args=[done.pk])
    fields = {
        "version": done.version,
        "number": "",
        "title": done.title,
        "content": "",
        "time_text": "Tháng 4/2024",
        "starts_on": "",
        "ends_on": "",
        "location": "",
        "lead": "",
        "coordinating": "",
    }
    assert client.post(url, {**fields, "weight": "-1"}).status_code == 400
    assert client.post(url, {**fields, "weight": "3"}).status_code in (200, 302)
    assert Plan.objects.get(pk=plan.pk).progress_percent == 75
    assert Activity.objects.get(pk=other.pk).weight == 1
