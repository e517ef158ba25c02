"""Every upload field is judged by the file's bytes, not its name: a web page named as a document or a
workbook is refused, in Vietnamese, and nothing is saved. Evidence and member lists have their own tests
(hoptac/tracking/tests/test_evidence_content.py, hoptac/orgs/tests/test_member_file_content.py); the
plan import and the tracking sheet check through their readers, proven here."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hoptac.plans.models import Plan
from hoptac.plans.tests.conftest import world  # noqa: F401  (the shared fixture)
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script><p>KE HOACH</p></body></html>"


@pytest.fixture
def staff(client, world):  # noqa: F811
    client.force_login(world["users"]["staff"])
    client.cookies["django_language"] = "vi"
    return client


@pytest.mark.parametrize("name", ["ke-hoach.pdf", "ke-hoach.docx"])
def test_the_plan_import_refuses_a_web_page_named_as_a_document(staff, name):
    response = staff.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, PAGE)})
    assert f"Không đọc được tệp {name}" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_tracking_sheet_import_refuses_a_web_page_named_xlsx(staff, world):  # noqa: F811
    plan = make_plan(issuer=world["ours"], activities=1)
    response = staff.post(
        reverse("tracking:sheet_import", args=[plan.pk]), {"file": SimpleUploadedFile("theo-doi.xlsx", PAGE)}
    )
    assert response.status_code == 400
    assert "theo-doi.xlsx không phải là tệp Excel (.xlsx)" in response.content.decode()


def test_the_member_import_refuses_a_web_page_named_csv(staff, world):  # noqa: F811
    client = staff
    client.force_login(world["users"]["alliance_admin"])
    response = client.post(
        reverse("orgs:members-import", args=[world["ours"].pk]),
        {"file": SimpleUploadedFile("thanh-vien.csv", PAGE), "dry_run": "on"},
    )
    assert "thanh-vien.csv không phải sổ tính Excel cũng không phải tệp CSV" in response.content.decode()
