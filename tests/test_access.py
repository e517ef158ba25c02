"""One way in: each object type is loaded through its `access_<type>` selector, by the web pages and the
API alike. Another alliance's row is a 404 that reveals nothing (never a 403, never a 500); its own
people get a 200."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hoptac.accounts.models import UserRole
from hoptac.accounts.services import api_token_create
from hoptac.orgs.models import OrganisationKind
from hoptac.plans.models import ImportBatch
from hoptac.plans.services.importing import upload_read
from hoptac.plans.tests.conftest import SEED_000, make_org, make_user, world  # noqa: F401 (the fixture)
from hoptac.plans.tests.factories import api_caller, make_plan
from hoptac.plans.tests.test_importing import seed_bytes
from hoptac.tracking.models import CostEstimate, CostLine, Evidence, ProgressUpdate, Supervision
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db

# Beyond any database's keys (2**63 - 1): a 404 like any other missing row.
HUGE_ID = 2**64


@pytest.fixture
def api(client, world):  # noqa: F811
    return api_caller(client, world)


def web(client, user, method, url, data=None):
    client.force_login(user)
    return getattr(client, method)(url, data or {})


@pytest.fixture
def upload(world):  # noqa: F811
    return upload_read(by=world["users"]["staff"], data=seed_bytes(), name=SEED_000)


@pytest.fixture
def batch(world):  # noqa: F811
    return ImportBatch.objects.create(organisation=world["ours"], created_by=world["users"]["staff"])


@pytest.fixture
def estimate(world):  # noqa: F811
    estimate = CostEstimate.objects.create(plan=make_plan(issuer=world["office"]))
    CostLine.objects.create(
        estimate=estimate, description="Thuê hội trường", quantity=2, unit_price=3_500_000
    )
    return estimate


@pytest.fixture
def evidence(world, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    activity = activity_at(make_plan(issuer=world["ours"]), "Tháng 4/2024", lead=world["office"])
    update = ProgressUpdate.objects.create(activity=activity, by=world["users"]["office"], percent=50)
    return Evidence.objects.create(
        update=update, file=ContentFile(b"%PDF-1.4 x", name="bien-ban.pdf"), name="bien-ban.pdf", size=10
    )


def test_an_upload_is_its_uploaders_alone(client, api, world, upload):  # noqa: F811
    review = reverse("plans:review", args=[upload.pk])
    assert web(client, world["users"]["staff"], "get", review).status_code == 200
    assert api("staff", "get", f"/api/imports/{upload.pk}").status_code == 200
    for role in ("other_staff", "alliance_admin"):  # another alliance, and a colleague: neither sees it
        assert web(client, world["users"][role], "get", review).status_code == 404
        assert web(client, world["users"][role], "post", review).status_code == 404
        assert api(role, "get", f"/api/imports/{upload.pk}").status_code == 404
        assert api(role, "post", f"/api/imports/{upload.pk}/confirm").status_code == 404


def test_a_batch_is_its_starters_alone(client, api, world, batch):  # noqa: F811
    page, save = reverse("plans:batch", args=[batch.pk]), reverse("plans:batch-save", args=[batch.pk])
    assert web(client, world["users"]["staff"], "get", page).status_code == 200
    assert api("staff", "get", f"/api/imports/batches/{batch.pk}").status_code == 200
    other = world["users"]["other_staff"]
    assert web(client, other, "get", page).status_code == 404
    assert web(client, other, "post", save).status_code == 404
    assert api("other_staff", "get", f"/api/imports/batches/{batch.pk}").status_code == 404
    assert api("other_staff", "post", f"/api/imports/batches/{batch.pk}/save").status_code == 404


def test_a_cost_estimate_and_its_lines_stay_in_their_alliance(client, api, world, estimate):  # noqa: F811
    page = reverse("tracking:estimate", args=[estimate.plan_id])
    path = f"/api/tracking/plans/{estimate.plan_id}/estimate"
    line = estimate.lines.get()
    assert web(client, world["users"]["office"], "get", page).status_code == 200
    assert api("office", "get", path).status_code == 200
    other = world["users"]["other_staff"]
    assert web(client, other, "get", page).status_code == 404
    assert web(client, other, "post", page, {"action": "delete", "line": line.pk}).status_code == 404
    assert api("other_staff", "get", path).status_code == 404
    assert api("other_staff", "delete", f"{path}/lines/{line.pk}").status_code == 404
    assert CostLine.objects.filter(pk=line.pk).exists()
    # A line is looked for within the estimate named in the address only.
    elsewhere = CostEstimate.objects.create(plan=make_plan(issuer=world["office"]))
    stray = CostLine.objects.create(estimate=elsewhere, description="Nước", quantity=1, unit_price=1)
    assert api("office", "delete", f"{path}/lines/{stray.pk}").status_code == 404
    office = world["users"]["office"]
    assert web(client, office, "post", page, {"action": "delete", "line": stray.pk}).status_code == 404
    assert api("office", "delete", f"{path}/lines/{line.pk}").status_code == 200


def test_evidence_is_served_to_whoever_reads_its_plan(client, world, evidence):  # noqa: F811
    # The API lists evidence by name within a report (tracking/api.py) and serves no file.
    url = reverse("tracking:evidence", args=[evidence.pk])
    download = web(client, world["users"]["staff"], "get", url)
    assert (download.status_code, b"".join(download.streaming_content)) == (200, b"%PDF-1.4 x")
    assert web(client, world["users"]["other_staff"], "get", url).status_code == 404


def test_a_member_organisation_is_seen_by_its_own_alliance_only(client, api, world):  # noqa: F811
    member = world["member"]
    pages = [
        reverse("orgs:detail", args=[member.pk]),
        reverse("tracking:unit-dashboard", args=[member.pk]),
        reverse("calendars:month-current", args=[member.pk]),
    ]
    paths = [f"/api/organisations/{member.pk}", f"/api/tracking/organisations/{member.pk}/dashboard"]
    for url in pages:
        assert web(client, world["users"]["staff"], "get", url).status_code == 200, url
        assert web(client, world["users"]["other_staff"], "get", url).status_code == 404, url
    for path in paths:
        assert api("staff", "get", path).status_code == 200, path
        assert api("other_staff", "get", path).status_code == 404, path
    members_import = reverse("orgs:members-import", args=[member.pk])
    assert web(client, world["users"]["other_staff"], "get", members_import).status_code == 404
    _, token = api_token_create(user=world["users"]["other_staff"])
    members_file = {"file": SimpleUploadedFile("thanh-vien.csv", b"ten,ma so thue\n")}
    assert (
        client.post(
            f"/api/organisations/{member.pk}/members/import",
            members_file,
            headers={"Authorization": f"Bearer {token}"},
        ).status_code
        == 404
    )
    calendar = {"name": "Lịch", "scope": "organisation", "organisation_id": member.pk}
    assert api("other_staff", "post", "/api/calendars/tokens", calendar).status_code == 404
    assert api("staff", "post", "/api/calendars/tokens", calendar).status_code == 201


def test_a_merged_unit_is_still_found(client, api, world):  # noqa: F811
    merged = make_org(
        "Hợp tác xã Tam Sơn cũ", OrganisationKind.COOPERATIVE, parent=world["ours"], valid_until="2023-12-31"
    )
    assert api("staff", "get", f"/api/organisations/{merged.pk}").status_code == 200
    assert (
        web(client, world["users"]["staff"], "get", reverse("orgs:detail", args=[merged.pk])).status_code
        == 200
    )
    assert api("other_staff", "get", f"/api/organisations/{merged.pk}").status_code == 404


def test_supervision_picks_only_within_the_alliance(client, api, world):  # noqa: F811
    office, leader = world["office"], world["users"]["leader"]
    their_leader = make_user("ag.leader", UserRole.LEADERSHIP, world["other"])
    their_department = make_org("Văn phòng An Giang", OrganisationKind.DEPARTMENT, parent=world["other"])
    page, admin = reverse("tracking:supervision"), world["users"]["alliance_admin"]
    assert (
        web(client, admin, "post", page, {"department": office.pk, "vice_chair": leader.pk}).status_code
        == 302
    )
    picks = {"department": office.pk, "vice_chair": their_leader.pk}
    assert web(client, admin, "post", page, picks).status_code == 404
    picks = {"department": their_department.pk, "vice_chair": leader.pk}
    assert web(client, admin, "post", page, picks).status_code == 404
    path = f"/api/tracking/supervision/{office.pk}"
    assert api("alliance_admin", "put", path, {"vice_chair_id": their_leader.pk}).status_code == 404
    assert api("alliance_admin", "put", path, {"vice_chair_id": leader.pk}).status_code == 204
    their_path = f"/api/tracking/supervision/{their_department.pk}"
    assert api("alliance_admin", "put", their_path, {"vice_chair_id": leader.pk}).status_code == 404
    assert Supervision.objects.get().vice_chair == leader


@pytest.mark.parametrize(
    "url",
    [
        "/plans/import/{id}/",
        "/plans/import/batch/{id}/",
        "/tracking/plans/{id}/estimate/",
        "/tracking/evidence/{id}/",
        "/organisations/{id}/",
        "/tracking/dashboard/{id}/",
    ],
)
def test_an_id_beyond_the_database_is_a_404_on_the_web(client, world, url):  # noqa: F811
    assert web(client, world["users"]["staff"], "get", url.format(id=HUGE_ID)).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/api/imports/{id}",
        "/api/imports/batches/{id}",
        "/api/tracking/plans/{id}/estimate",
        "/api/organisations/{id}",
        "/api/tracking/organisations/{id}/dashboard",
    ],
)
def test_an_id_beyond_the_database_is_a_404_in_the_api(api, path):
    assert api("staff", "get", path.format(id=HUGE_ID)).status_code == 404
