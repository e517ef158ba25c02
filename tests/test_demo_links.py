"""Each demo role follows every same-site link on the pages it reaches: none ends in 403, as a menu
item or button offered to a role that may not use it would. Pages are asked for in Vietnamese, and
every message they use must be in the Vietnamese catalogue."""

import re
from collections import deque
from html import unescape
from pprint import pformat
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.utils import timezone

from hoptac.home.services.demo import DEMO_PASSWORD, demo_setup
from tests.untranslated import untranslated_messages

pytestmark = pytest.mark.django_db

DEMO_USERS = [
    "admin",
    "bacninh.admin",
    "bacninh.staff",
    "bacninh.leader",
    "bacninh.office",
    "htx.tamson",
    "vca.viewer",
]
PAGES_PER_ROLE = 150
_HREF = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"')
# Not pages: leaving, switching language, files to download, feeds, the API and Django's admin.
_SKIPPED = re.compile(
    r"^/(accounts/logout|i18n/|api/|admin/|static/|media/)|/original/$|/evidence/\d+/$|\.(xlsx|ics)$"
)


def crawl(client, start: str = "/") -> tuple[dict[str, list[str]], dict[str, list[str]], int]:
    """(403 page → the pages linking to it, page → its untranslated messages, pages seen)."""
    seen, queue = {start}, deque([start])
    linked_from: dict[str, list[str]] = {}
    forbidden, untranslated = {}, {}
    visited = 0
    while queue and visited < PAGES_PER_ROLE:
        url = queue.popleft()
        visited += 1
        with untranslated_messages() as missing:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        if missing:
            untranslated[url] = sorted(missing)
        if response.status_code == 403:
            forbidden[url] = linked_from.get(url, [])
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in _HREF.findall(response.content.decode()):
            target = urldefrag(urljoin(url, unescape(href)))[0]
            parts = urlsplit(target)
            if parts.netloc or parts.scheme or _SKIPPED.search(parts.path):
                continue
            linked_from.setdefault(target, []).append(url)
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return forbidden, untranslated, visited


def test_no_role_is_offered_a_link_it_may_not_follow(client):
    demo_setup(today=timezone.localdate())
    forbidden, untranslated = {}, {}
    for username in DEMO_USERS:
        client.logout()
        assert client.login(username=username, password=DEMO_PASSWORD)
        denied, missing, visited = crawl(client)
        assert visited > 10, username
        if denied:
            forbidden[username] = denied
        untranslated |= missing
    offered = {
        user: {url: sorted(set(pages))[:3] for url, pages in denied.items()}
        for user, denied in forbidden.items()
    }
    assert not offered, pformat(offered)
    assert not untranslated, pformat(untranslated)
