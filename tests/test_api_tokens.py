"""A person makes and revokes their own tokens for the REST API on their account page: the token is
shown once, works as them, stops working once revoked, and nobody else's token can be touched."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoptac.accounts.models import ApiToken
from hoptac.accounts.services import api_token_create, api_token_revoke
from hoptac.plans.tests.conftest import world  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_a_token_is_made_shown_once_works_and_is_revoked(client, world):  # noqa: F811
    client.force_login(world["users"]["staff"])
    page = client.post(reverse("accounts:api-tokens"), {"name": "Bảng tính báo cáo"}).content.decode()
    assert "chỉ hiện một lần này" in page
    token = re.search(r'<code class="token">([^<]+)</code>', page).group(1)
    assert "Bảng tính báo cáo" in page
    assert client.get("/api/plans", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # Shown once: the page never shows it again.
    assert token not in client.get(reverse("accounts:api-tokens")).content.decode()
    row = ApiToken.objects.get(user=world["users"]["staff"])
    assert client.post(reverse("accounts:api-token-revoke", args=[row.pk])).status_code == 302
    assert client.get("/api/plans", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert "Bạn chưa có khóa nào đang dùng." in client.get(reverse("accounts:api-tokens")).content.decode()


def test_another_users_token_is_neither_listed_nor_revoked(client, world):  # noqa: F811
    theirs, _secret = api_token_create(user=world["users"]["other_staff"], name="An Giang")
    client.force_login(world["users"]["staff"])
    assert "An Giang" not in client.get(reverse("accounts:api-tokens")).content.decode()
    assert client.post(reverse("accounts:api-token-revoke", args=[theirs.pk])).status_code == 404
    with pytest.raises(PermissionDenied):  # the service itself refuses, whatever calls it
        api_token_revoke(token=theirs, by=world["users"]["staff"])
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_page_asks_to_log_in_first(client):
    response = client.get(reverse("accounts:api-tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
