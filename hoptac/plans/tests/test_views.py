import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, Upload
from hoptac.plans.tests.factories import make_plan
from hoptac.plans.tests.pages import listed_plans, plans_counted
from hoptac.plans.tests.test_importing import seed_bytes

pytestmark = pytest.mark.django_db


def test_pages_need_a_login(client, world):
    plan = make_plan(issuer=world["ours"], activities=1)
    for url in (reverse("plans:list"), plan.get_absolute_url(), reverse("plans:import")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_plan_list_query_count_does_not_grow_with_rows(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["staff"])
    make_plan(issuer=world["ours"], activities=2)
    with django_assert_max_num_queries(12) as one_plan:
        assert client.get(reverse("plans:list")).status_code == 200
    for _ in range(30):
        make_plan(issuer=world["ours"], activities=5)
    with django_assert_max_num_queries(len(one_plan)):
        response = client.get(reverse("plans:list"))
    assert plans_counted(response) == 31
    assert len(listed_plans(response)) == 25


def test_plan_detail_with_100_activities_stays_within_budget(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["office"])
    small = make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    with django_assert_max_num_queries(12) as one:
        assert client.get(small.get_absolute_url()).status_code == 200
    big = make_plan(issuer=world["ours"], activities=100, lead=world["office"])
    with django_assert_max_num_queries(len(one)):
        response = client.get(big.get_absolute_url())
    assert response.content.decode().count('class="activity depth-0"') == 100


def test_filters_narrow_the_list(client, world):
    client.force_login(world["users"]["viewer"])
    make_plan(issuer=world["ours"], title="Kế hoạch Bắc Ninh")
    make_plan(issuer=world["other"], title="Kế hoạch An Giang")
    response = client.get(reverse("plans:list"), {"issuer": world["other"].pk})
    assert [p.title for p in listed_plans(response)] == ["Kế hoạch An Giang"]
    partial = client.get(reverse("plans:list"), {"issuer": world["other"].pk}, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content
    assert "Kế hoạch An Giang" in partial.content.decode()


def test_another_alliances_plan_is_a_404(client, world):
    theirs = make_plan(issuer=world["other"], activities=1)
    client.force_login(world["users"]["staff"])
    assert client.get(theirs.get_absolute_url()).status_code == 404
    activity = theirs.activities.get()
    assert client.get(reverse("plans:activity-edit", args=[activity.pk])).status_code == 404


def test_import_through_the_pages(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("plans:import"), {"text": seed_bytes().decode("utf-8-sig")})
    assert response.status_code == 302
    review = client.get(response["Location"])
    page = review.content.decode()
    assert "Kiểm tra kết quả đọc" in page
    assert "14/KH-LMHTX" in page
    form = {"issuer": str(world["ours"].pk)}
    # Keep each select's preselected option, as a browser would submit it.
    for name, chosen in _selected_options(page).items():
        form[name] = chosen
    # "Báo Bắc Ninh" is not in this test's registry: create it as an outside body.
    paper = re.search(r'<label for="(unit-\d+)">Báo Bắc Ninh</label>', page).group(1)
    form[paper] = "new:outside_body"
    saved = client.post(response["Location"], form)
    assert saved.status_code == 302
    plan = Plan.objects.get()
    assert saved["Location"] == plan.get_absolute_url()
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert "14/KH-LMHTX" in detail
    assert "Hội diễn văn nghệ" in detail
    created = Organisation.objects.get(name="Báo Bắc Ninh")
    assert created.kind == "outside_body"
    assert plan.activities.filter(assignments__organisation=created).count() == 1


def _selected_options(page: str) -> dict[str, str]:
    chosen = {}
    for match in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', match.group(2))
        first = re.search(r'<option value="([^"]*)"', match.group(2))
        chosen[match.group(1)] = (selected or first).group(1)
    return chosen


def test_a_broken_upload_gets_a_vietnamese_message(client, world):
    client.force_login(world["users"]["staff"])
    broken = SimpleUploadedFile("ke-hoach.docx", b"PK\x03\x04 broken")
    response = client.post(reverse("plans:import"), {"file": broken})
    assert response.status_code == 400
    assert "Không đọc được tệp ke-hoach.docx" in response.content.decode()


def test_the_second_of_two_concurrent_edits_gets_a_conflict(client, world):
    plan = make_plan(issuer=world["ours"], activities=1)
    activity = plan.activities.get()
    client.force_login(world["users"]["staff"])
    url = reverse("plans:activity-edit", args=[activity.pk])
    form = {
        "number": "1.",
        "title": "Tiêu đề mới",
        "content": "",
        "time_text": "Tháng 5/2024",
        "starts_on": "2024-05-01",
        "ends_on": "2024-05-31",
        "location": "",
        "version": "1",
    }
    first = client.post(url, form, headers={"HX-Request": "true"})
    assert first.status_code == 200
    assert "Tiêu đề mới" in first.content.decode()
    second = client.post(url, form | {"title": "Sửa cùng lúc"}, headers={"HX-Request": "true"})
    assert second.status_code == 400
    assert "Người khác đã lưu hoạt động này" in second.content.decode()
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("Tiêu đề mới", 2)
    # The factory bulk-creates rows, which history does not see: the one record is the accepted edit.
    assert [(h.title, h.history_user) for h in activity.history.all()] == [
        ("Tiêu đề mới", world["users"]["staff"])
    ]


def test_a_department_member_edits_only_what_its_department_leads(client, world):
    plan = make_plan(issuer=world["ours"], activities=2)
    led, other = plan.activities.order_by("position")
    led.assignments.create(organisation=world["office"], role=AssignmentRole.LEAD)
    client.force_login(world["users"]["office"])
    assert client.get(reverse("plans:activity-edit", args=[led.pk])).status_code == 200
    assert client.get(reverse("plans:activity-edit", args=[other.pk])).status_code == 403


def test_script_in_every_text_field_is_escaped(client, world):
    script = "<script>alert(1)</script>"
    plan = make_plan(issuer=world["ours"], activities=1, title=script, lead=world["office"])
    Plan.objects.filter(pk=plan.pk).update(
        number=script, place=script, signer_name=script, issuer_name=script
    )
    Activity.objects.filter(plan=plan).update(
        number=script[:20], title=script, content=script, location=script, time_text=script
    )
    plan.activities.get().assignments.create(role=AssignmentRole.COORDINATING, name_as_written=script)
    client.force_login(world["users"]["staff"])
    activity = plan.activities.get()
    for url in (
        plan.get_absolute_url(),
        reverse("plans:list"),
        reverse("plans:my-activities") + "?when=all",
        reverse("plans:activity", args=[activity.pk]),
        reverse("plans:activity-edit", args=[activity.pk]),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert" in page, url


def test_activities_of_my_organisation_query_count_does_not_grow(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["users"]["office"])
    url = reverse("plans:my-activities") + "?when=all"
    make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    with django_assert_max_num_queries(12) as one:
        assert client.get(url).status_code == 200
    for _ in range(5):
        make_plan(issuer=world["ours"], activities=20, lead=world["office"])
    make_plan(issuer=world["ours"], activities=20, lead=world["advice"])  # not the office's
    with django_assert_max_num_queries(len(one)):
        response = client.get(url)
    assert response.context["page"].paginator.count == 101
    assert response.content.decode().count("<tr><td><a href=") == 50


def test_this_month_and_overdue_filters(client, world):
    today = timezone.localdate()
    plan = make_plan(issuer=world["ours"], activities=2, lead=world["office"])
    now, past = plan.activities.order_by("position")
    Activity.objects.filter(pk=now.pk).update(starts_on=today, ends_on=today)
    Activity.objects.filter(pk=past.pk).update(starts_on=date(2020, 1, 1), ends_on=today - timedelta(days=40))
    client.force_login(world["users"]["office"])

    def titles(when):
        return [a.pk for a in client.get(reverse("plans:my-activities"), {"when": when}).context["page"]]

    assert titles("month") == [now.pk]
    assert titles("week") == [now.pk]
    assert titles("overdue") == [past.pk]


def test_hostile_uploads_save_nothing_and_say_why(client, world):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<" + b"a" * 60_000_000 + b">")
    entities = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        "<d>&b;&b;&b;</d>"
    )
    client.force_login(world["users"]["staff"])
    for name, data in [("bom.docx", bomb.getvalue()), ("x.pdf", b"%PDF-1.7 broken")]:
        response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 400, name
        assert f"Không đọc được tệp {name}" in response.content.decode(), name
    assert not Upload.objects.exists()
    # Entities in a web page are not expanded: the page is read as the text it shows, which holds
    # nothing of a document, so it is refused.
    page = SimpleUploadedFile("entities.html", entities.encode())
    response = client.post(reverse("plans:import"), {"file": page})
    assert response.status_code == 400
    assert "không tìm thấy trích yếu, số hiệu" in response.content.decode()
    assert "aaaaaaaaaa" not in response.content.decode()
    assert not Upload.objects.exists()
    assert not Plan.objects.exists()


def test_a_group_of_units_as_lead_is_not_flagged_as_missing_from_the_registry(client, world):
    plan = make_plan(issuer=world["ours"], activities=2)
    first, second = plan.activities.order_by("position")
    Assignment.objects.create(
        activity=first, role="lead", name_as_written="Liên minh HTX các tỉnh, thành phố"
    )
    Assignment.objects.create(activity=second, role="lead", name_as_written="Ban Kinh tế ngành")
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "<dd>Liên minh HTX các tỉnh, thành phố</dd>" in page
    assert 'Ban Kinh tế ngành <span class="flag">chưa có trong danh mục</span>' in page
