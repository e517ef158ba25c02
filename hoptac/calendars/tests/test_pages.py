"""The page of calendar links: make one (its address shown once), list them, revoke one."""

import re

import pytest
from django.urls import reverse

from hoptac.calendars.models import CalendarToken, FeedScope
from hoptac.calendars.services import calendar_token_create

pytestmark = pytest.mark.django_db


def shown_url(response) -> str | None:
    match = re.search(r'id="feed-url" class="feed-url" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def test_the_page_needs_a_login(client):
    response = client.get(reverse("calendars:feeds"))
    assert response.status_code == 302


def test_make_a_link_see_it_once_and_subscribe(client, world):
    client.force_login(world["users"]["office"])
    response = client.post(reverse("calendars:feeds"), {"scope": "person", "name": "Điện thoại"})
    assert response.status_code == 200
    url = shown_url(response)
    assert url.startswith("http://testserver/calendars/feed/")
    assert url.endswith(".ics")
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "webcal://testserver/calendars/feed/" in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ftestserver" in html
    token = CalendarToken.objects.get()
    assert (token.scope, token.name, token.owner) == ("person", "Điện thoại", world["users"]["office"])
    assert client.get(url.removeprefix("http://testserver")).status_code == 200
    again = client.get(reverse("calendars:feeds"))
    assert shown_url(again) is None
    assert "Điện thoại" in again.content.decode()
    assert url.rsplit("/", 1)[1].removesuffix(".ics") not in again.content.decode()


def test_an_organisation_link_from_its_calendar(client, world):
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("calendars:feeds"), {"organisation": world["advice"].pk})
    html = page.content.decode()
    assert f'<option value="{world["advice"].pk}" selected>' in html
    assert f'<option value="{world["office"].pk}">' in html  # the alliance's departments are offered
    response = client.post(
        reverse("calendars:feeds"), {"scope": "organisation", "organisation": world["advice"].pk}
    )
    assert shown_url(response)
    assert CalendarToken.objects.get().organisation == world["advice"]


def test_an_organisation_link_needs_an_organisation_one_may_see(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("calendars:feeds"), {"scope": "organisation"})
    assert response.status_code == 400
    assert "Choose the organisation" in response.content.decode()
    other_member = world["users"]["other_member"].organisation
    response = client.post(
        reverse("calendars:feeds"), {"scope": "organisation", "organisation": other_member.pk}
    )
    assert response.status_code == 400
    assert not CalendarToken.objects.exists()


def test_revoke_a_link(client, world):
    office = world["users"]["office"]
    token, secret = calendar_token_create(owner=office, scope=FeedScope.PERSON, name="Máy cơ quan")
    client.force_login(office)
    response = client.post(reverse("calendars:revoke", args=[token.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("calendars:feeds")
    assert "The link is revoked" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(reverse("calendars:feed", kwargs={"token": secret})).status_code == 404
    assert "Revoke “Máy cơ quan”" not in response.content.decode()


def test_someone_elses_link_cannot_be_revoked(client, world):
    token, _ = calendar_token_create(owner=world["users"]["office"], scope=FeedScope.PERSON)
    client.force_login(world["users"]["advice"])
    assert client.post(reverse("calendars:revoke", args=[token.pk])).status_code == 404
    assert client.get(reverse("calendars:revoke", args=[token.pk])).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None
