from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hoptac.accounts.services import api_token_create, api_token_revoke
from hoptac.documents.read.ocr import ocr_available
from hoptac.plans.models import Plan
from hoptac.plans.tests.conftest import SEED_000
from hoptac.plans.tests.factories import make_plan
from hoptac.plans.tests.test_importing import seed_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_auth(world):
    _, token = api_token_create(user=world["users"]["staff"])
    return {"Authorization": f"Bearer {token}"}


def test_schema_and_docs_are_published(client):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/plans" in schema.json()["paths"]
    assert client.get("/api/docs").status_code == 200


def test_import_a_file_then_confirm_it(client, staff_auth):
    read = client.post(
        "/api/imports", {"file": SimpleUploadedFile(SEED_000, seed_bytes())}, headers=staff_auth
    )
    assert read.status_code == 201
    body = read.json()
    assert body["reading"]["number"] == "14/KH-LMHTX"
    assert body["duplicate_plan_id"] is None
    saved = client.post(f"/api/imports/{body['upload_id']}/confirm", headers=staff_auth)
    assert saved.status_code == 201
    assert saved.json()["number"] == "14/KH-LMHTX"
    assert saved.json()["activity_count"] == 9
    again = client.post(f"/api/imports/{body['upload_id']}/confirm", headers=staff_auth)
    assert again.status_code == 400
    assert Plan.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("hong.docx", b"PK\x03\x04 not a zip", "hong.docx"),
        ("bang.xlsx", b"PK\x03\x04", "bang.xlsx"),
        ("rong.txt", b"", "rong.txt"),
    ],
)
def test_a_bad_file_is_a_400_with_a_message(client, staff_auth, name, data, said):
    response = client.post("/api/imports", {"file": SimpleUploadedFile(name, data)}, headers=staff_auth)
    assert response.status_code == 400
    assert said in response.json()["detail"]
    assert Plan.objects.count() == 0


def test_a_member_cannot_import(client, world):
    _, token = api_token_create(user=world["users"]["member"])
    response = client.post(
        "/api/imports",
        {"file": SimpleUploadedFile(SEED_000, seed_bytes())},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403


def test_patch_checks_its_input_and_the_version(client, world, staff_auth):
    plan = make_plan(issuer=world["ours"], activities=1)
    activity = plan.activities.get()
    url = f"/api/activities/{activity.pk}"

    def patch(**body):
        return client.patch(url, body, content_type="application/json", headers=staff_auth)

    assert patch(version=1, number="x" * 21).status_code == 422
    assert patch(version=1, title="").status_code == 422
    assert patch(version="one").status_code == 422
    assert patch(version=1, starts_on="2024-05-10", ends_on="2024-05-01").status_code == 400
    assert patch(version=1, starts_on="2024-02-31").status_code == 422
    ok = patch(version=1, location="Hội trường <b>A</b>")
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    assert ok.json()["location"] == "Hội trường <b>A</b>"  # kept as typed; pages escape it
    stale = patch(version=1, location="Phòng họp")
    assert stale.status_code == 409
    assert "saved this activity" in stale.json()["detail"] or "đã lưu" in stale.json()["detail"]
    activity.refresh_from_db()
    assert activity.location == "Hội trường <b>A</b>"


def test_another_organisations_ids_are_404(client, world, staff_auth):
    theirs = make_plan(issuer=world["other"], activities=1)
    activity = theirs.activities.get()
    assert client.get(f"/api/plans/{theirs.pk}", headers=staff_auth).status_code == 404
    assert client.get(f"/api/activities/{activity.pk}", headers=staff_auth).status_code == 404
    patched = client.patch(
        f"/api/activities/{activity.pk}",
        {"version": 1, "title": "x"},
        content_type="application/json",
        headers=staff_auth,
    )
    assert patched.status_code == 404
    assert client.post("/api/imports/999999/confirm", headers=staff_auth).status_code == 404


def test_a_revoked_token_is_refused(client, world):
    row, token = api_token_create(user=world["users"]["staff"])
    api_token_revoke(token=row, by=row.user)
    assert client.get("/api/plans", headers={"Authorization": f"Bearer {token}"}).status_code == 401


@pytest.mark.skipif(not ocr_available(), reason="OCR (tesseract-ocr, tesseract-ocr-vie) is not installed")
def test_a_scan_is_read_in_the_background_and_fetched_when_ready(
    client, staff_auth, django_capture_on_commit_callbacks
):
    # a signed notice whose text layer is garbage: OCR reads it, seconds a page, never inside the request
    scan = Path(__file__).parents[2] / "documents" / "tests" / "fixtures" / "files" / "raw-21-page1.pdf"
    with django_capture_on_commit_callbacks(execute=False) as queued:
        sent = client.post(
            "/api/imports", {"file": SimpleUploadedFile("tb.pdf", scan.read_bytes())}, headers=staff_auth
        )
    assert sent.status_code == 202
    upload_id = sent.json()["upload_id"]
    waiting = client.get(f"/api/imports/{upload_id}", headers=staff_auth)
    assert waiting.status_code == 202
    assert "OCR" in waiting.json()["detail"]
    for callback in queued:  # the worker's turn (the immediate task backend reads it now)
        callback()
    read = client.get(f"/api/imports/{upload_id}", headers=staff_auth)
    assert read.status_code == 200
    assert read.json()["reading"]["number"] == "1894/TB-SCT"
    assert read.json()["reading"]["kind"] == "notice"


def test_another_users_upload_is_a_404(client, world, staff_auth):
    read = client.post(
        "/api/imports", {"file": SimpleUploadedFile(SEED_000, seed_bytes())}, headers=staff_auth
    )
    _, token = api_token_create(user=world["users"]["leader"])
    other = client.get(
        f"/api/imports/{read.json()['upload_id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert other.status_code == 404


def test_confirm_takes_the_reviewers_choices(client, staff_auth, world):
    """The review page's choices over the API: a registered unit for a name (remembered as its alias),
    a new unit for another, a name kept as written; what is left out takes the sure matches."""
    from hoptac.orgs.models import Alias, Organisation
    from hoptac.plans.models import Assignment

    read = client.post(
        "/api/imports", {"file": SimpleUploadedFile(SEED_000, seed_bytes())}, headers=staff_auth
    )
    body = read.json()
    units = {unit["name"]: unit["organisation_id"] for unit in body["units"]}
    assert units["Phòng tư vấn và phát triển HTX"] == world["advice"].pk  # a sure match, read by itself
    assert units["Phòng kế hoạch và xúc tiến thương mại"] is None
    assert body["issuer_id"] == world["ours"].pk
    url = f"/api/imports/{body['upload_id']}/confirm"

    def confirm(choices):
        return client.post(url, {"units": choices}, content_type="application/json", headers=staff_auth)

    unknown = confirm([{"name": "Phòng không có trong văn bản", "organisation_id": world["office"].pk}])
    assert unknown.status_code == 400
    both = [{"name": "Báo Bắc Ninh", "organisation_id": world["office"].pk, "create_kind": "outside_body"}]
    assert confirm(both).status_code == 400
    foreign = [{"name": "Báo Bắc Ninh", "organisation_id": world["member"].pk + 1000}]
    assert confirm(foreign).status_code == 404
    assert confirm([{"name": "Báo Bắc Ninh", "create_kind": "no_such_kind"}]).status_code == 422
    assert Plan.objects.count() == 0  # nothing of a refused confirmation is saved

    saved = confirm(
        [
            {
                "name": "Phòng kế hoạch và xúc tiến thương mại",
                "organisation_id": world["office"].pk,
                "remember_alias": True,
            },
            {"name": "Báo Bắc Ninh", "create_kind": "outside_body"},
        ]
    )
    assert saved.status_code == 201
    plan = Plan.objects.get(pk=saved.json()["id"])
    assert Alias.objects.filter(
        organisation=world["office"], name="Phòng kế hoạch và xúc tiến thương mại"
    ).exists()
    newspaper = Organisation.objects.get(name="Báo Bắc Ninh")
    assert newspaper.kind == "outside_body"
    assigned = set(Assignment.objects.filter(activity__plan=plan).values_list("organisation_id", flat=True))
    assert world["advice"].pk in assigned  # the sure match the body left out
