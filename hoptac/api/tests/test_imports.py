"""Found by tests/test_api_fuzz.py: confirming an upload that has no reading was a 500."""

import pytest

from hoptac.plans.models import Plan, Upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "error", "said"),
    [
        (Upload.State.FAILED, "rong.txt is empty.", "rong.txt is empty."),
        (Upload.State.QUEUED, "", "OCR"),
    ],
)
def test_confirming_an_upload_without_a_reading_is_a_400(client, world, bearer, state, error, said):
    staff = world["users"]["staff"]
    upload = Upload.objects.create(
        organisation=world["ours"],
        created_by=staff,
        name="rong.txt",
        checksum="0" * 64,
        state=state,
        error=error,
    )
    response = client.post(f"/api/imports/{upload.pk}/confirm", headers=bearer("staff"))
    assert response.status_code == 400
    assert said in response.json()["detail"]
    assert not Plan.objects.exists()
