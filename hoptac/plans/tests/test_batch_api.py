"""A batch over the API: queued, read in the background, the sure readings saved in one call; another
user's batch is a 404 and a role that does not import gets a 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hoptac.accounts.services import api_token_create
from hoptac.plans.models import Plan
from hoptac.plans.tests.conftest import SEED_000
from hoptac.plans.tests.test_importing import seed_bytes

SEED_002 = "002_06325638f0b0109d.txt"

pytestmark = pytest.mark.django_db


def auth(world, role):
    _, token = api_token_create(user=world["users"][role])
    return {"Authorization": f"Bearer {token}"}


def test_a_batch_is_read_then_its_sure_readings_saved(client, world, django_capture_on_commit_callbacks):
    files = [
        SimpleUploadedFile(SEED_002, seed_bytes(SEED_002)),
        SimpleUploadedFile(SEED_000, seed_bytes()),
        SimpleUploadedFile("hong.docx", b"PK\x03\x04 no"),
    ]
    headers = auth(world, "other_staff")
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/imports/batches", {"files": files}, headers=headers)
    assert started.status_code == 202
    batch_id = started.json()["batch_id"]
    uploads = {
        u["name"]: u
        for u in client.get(f"/api/imports/batches/{batch_id}", headers=headers).json()["uploads"]
    }
    assert (uploads[SEED_002]["state"], uploads[SEED_002]["is_sure"]) == ("read", True)
    assert uploads["hong.docx"]["state"] == "failed"
    assert client.get(f"/api/imports/batches/{batch_id}", headers=auth(world, "staff")).status_code == 404
    assert (
        client.post(f"/api/imports/batches/{batch_id}/save", headers=auth(world, "staff")).status_code == 404
    )
    assert (
        client.post(f"/api/imports/batches/{batch_id}/save", headers=auth(world, "member")).status_code == 403
    )
    saved = client.post(f"/api/imports/batches/{batch_id}/save", headers=headers)
    assert saved.status_code == 200
    assert saved.json()["plan_ids"] == [Plan.objects.get(number="04/KH-LMHTX").pk]


def test_who_may_start_a_batch_and_with_what(client, world):
    file = SimpleUploadedFile(SEED_000, seed_bytes())
    assert (
        client.post("/api/imports/batches", {"files": [file]}, headers=auth(world, "member")).status_code
        == 403
    )
    bad = SimpleUploadedFile("bang.xlsx", b"PK\x03\x04")
    assert (
        client.post("/api/imports/batches", {"files": [bad]}, headers=auth(world, "staff")).status_code == 400
    )
