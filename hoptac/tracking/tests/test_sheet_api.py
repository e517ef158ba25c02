"""The tracking sheet over the API: checked, then applied with the check's token; another alliance's
plan is a 404, and rows a user does not report on are not applied."""

import io

import pytest

from hoptac.accounts.services import api_token_create
from hoptac.plans.models import ProgressState
from hoptac.tracking.models import ProgressUpdate
from hoptac.tracking.tests import test_sheet as sheets

pytestmark = pytest.mark.django_db
plan = sheets.plan  # the fixture: four activities, three the office leads
vietnamese_on_15_april = sheets.vietnamese_on_15_april


def post_sheet(client, world, role, plan, workbook):
    _, token = api_token_create(user=world["users"][role])
    file = io.BytesIO(sheets.as_bytes(workbook))
    file.name = "theo-doi.xlsx"
    headers = {"Authorization": f"Bearer {token}"}
    return client.post(f"/api/tracking/plans/{plan.pk}/sheet/check", {"file": file}, headers=headers), headers


def filled(client, world, plan):
    client.force_login(world["users"]["office"])
    workbook = sheets.export(client, plan)
    client.logout()
    first = sheets.activities(plan)[0]
    sheets.fill(workbook.worksheets[0], first, state=sheets.label(ProgressState.IN_PROGRESS), percent=60)
    return workbook


def test_check_then_apply(client, world, plan, vietnamese_on_15_april):
    checked, headers = post_sheet(client, world, "office", plan, filled(client, world, plan))
    assert checked.status_code == 200
    body = checked.json()
    assert (body["errors"], [r["outcome"] for r in body["rows"] if r["outcome"] != "unchanged"]) == (
        [],
        ["change"],
    )
    assert not ProgressUpdate.objects.exists()
    applied = client.post(
        f"/api/tracking/plans/{plan.pk}/sheet/apply",
        {"token": body["token"]},
        content_type="application/json",
        headers=headers,
    )
    assert (applied.status_code, applied.json()["applied"]) == (200, True)
    assert ProgressUpdate.objects.count() == 1


def test_who_may_check_a_sheet(client, world, plan, vietnamese_on_15_april):
    workbook = filled(client, world, plan)
    assert post_sheet(client, world, "other_staff", plan, workbook)[0].status_code == 404
    # The advice department reports on none of these rows: nothing it could apply.
    advice = post_sheet(client, world, "advice", plan, workbook)[0].json()
    assert advice["token"] == ""
    assert "not_yours" in {r["outcome"] for r in advice["rows"]}
