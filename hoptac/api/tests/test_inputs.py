"""What the API's input schemas say is what they take: null where a field may be empty, never on a
title; text in NFC and trimmed."""

import pytest

from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(world):
    return make_plan(issuer=world["ours"], activities=1).activities.get()


def patch(client, headers, activity, **body):
    return client.patch(
        f"/api/activities/{activity.pk}", body, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("title", [None, "", "   ", "\u200b \u00a0", "\t\n"])
def test_a_title_that_is_null_or_only_spaces_is_a_422(client, bearer, activity, title):
    response = patch(client, bearer("staff"), activity, version=1, title=title)
    assert response.status_code == 422
    assert "detail" in response.json()
    activity.refresh_from_db()
    assert (activity.title, activity.version) == ("Hoạt động 1", 1)


@pytest.mark.parametrize("name", ["number", "content", "location", "time_text"])
def test_null_empties_a_field_that_may_be_empty(client, bearer, activity, name):
    activity.number = activity.content = activity.location = activity.time_text = "x"
    activity.save()
    response = patch(client, bearer("staff"), activity, version=1, **{name: None})
    assert response.status_code == 200
    assert response.json()[name] == ""
    activity.refresh_from_db()
    assert getattr(activity, name) == ""


def test_null_clears_a_date(client, bearer, activity):
    response = patch(client, bearer("staff"), activity, version=1, starts_on=None, ends_on=None)
    assert response.status_code == 200
    assert (response.json()["starts_on"], response.json()["ends_on"]) == (None, None)


def test_text_is_stored_in_nfc_and_trimmed(client, bearer, activity):
    response = patch(
        client,
        bearer("staff"),
        activity,
        version=1,
        title="  Hoa\u0300 gia\u0309i\u200b ",
        location=" Hà Nội ",
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert (activity.title, activity.location) == ("Hoà giải", "Hà Nội")


def test_the_schema_says_title_takes_no_null(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    title = schemas["ActivityPatch"]["properties"]["title"]
    assert title["type"] == "string"
    assert "anyOf" not in title
    assert "default" not in title
    assert title["minLength"] == 1


def test_a_null_character_is_refused_in_a_body_and_in_a_query(client, bearer):
    # PostgreSQL cannot store it in text: before, a NUL in a new plan's title was a 500 there.
    body = client.post(
        "/api/plans",
        data={"title": "Kế hoạch\x00", "kind": "plan"},
        content_type="application/json",
        headers=bearer("staff"),
    )
    assert body.status_code == 400
    query = client.get("/api/organisations/", {"q": "ban\x00"}, headers=bearer("staff"))
    assert query.status_code == 422
    assert query.json() == {"detail": "Null characters are not allowed."}
