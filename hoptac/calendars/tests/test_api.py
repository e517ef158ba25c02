import pytest

from hoptac.accounts.services import api_token_create
from hoptac.calendars.models import CalendarToken, FeedScope
from hoptac.calendars.services import calendar_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_auth(world):
    _, token = api_token_create(user=world["users"]["office"])
    return {"Authorization": f"Bearer {token}"}


def test_the_api_needs_a_token(client):
    assert client.get("/api/calendars/tokens").status_code == 401


def test_make_list_and_revoke_a_link(client, world, office_auth):
    made = client.post(
        "/api/calendars/tokens",
        {"scope": "person", "name": "Lịch"},
        content_type="application/json",
        headers=office_auth,
    )
    assert made.status_code == 201
    body = made.json()
    assert body["url"] == f"http://testserver/calendars/feed/{body['token']}.ics"
    assert client.get(body["url"].removeprefix("http://testserver")).status_code == 200
    listed = client.get("/api/calendars/tokens", headers=office_auth).json()
    assert [(t["id"], t["name"], t["scope"], t["revoked_at"]) for t in listed] == [
        (body["id"], "Lịch", "person", None)
    ]
    assert "token" not in listed[0]
    revoked = client.post(f"/api/calendars/tokens/{body['id']}/revoke", headers=office_auth)
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert client.get(body["url"].removeprefix("http://testserver")).status_code == 404


def test_an_organisation_link(client, world, office_auth):
    made = client.post(
        "/api/calendars/tokens",
        {"scope": "organisation", "organisation_id": world["ours"].pk},
        content_type="application/json",
        headers=office_auth,
    )
    assert made.status_code == 201
    assert made.json()["organisation_id"] == world["ours"].pk
    missing = client.post(
        "/api/calendars/tokens",
        {"scope": "organisation"},
        content_type="application/json",
        headers=office_auth,
    )
    assert missing.status_code == 400
    hidden = world["users"]["other_member"].organisation
    refused = client.post(
        "/api/calendars/tokens",
        {"scope": "organisation", "organisation_id": hidden.pk},
        content_type="application/json",
        headers=office_auth,
    )
    assert refused.status_code == 404
    assert CalendarToken.objects.count() == 1


def test_someone_elses_link_is_404(client, world, office_auth):
    theirs, _ = calendar_token_create(owner=world["users"]["advice"], scope=FeedScope.PERSON)
    assert client.post(f"/api/calendars/tokens/{theirs.pk}/revoke", headers=office_auth).status_code == 404
    assert client.get("/api/calendars/tokens", headers=office_auth).json() == []
