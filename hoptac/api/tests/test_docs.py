"""/api/docs works without internet: Swagger UI comes from our own static files, not a CDN."""

import re

from django.contrib.staticfiles import finders
from django.templatetags.static import static

LINKS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")


def test_the_docs_page_loads_nothing_from_another_site(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert not re.search(r"https?://", page), "the docs page names another site"
    links = LINKS.findall(page)
    assert static("ninja/swagger-ui-bundle.js") in links
    assert static("ninja/swagger-ui.css") in links
    for link in links:
        assert link.startswith("/"), link
        if link.startswith(static("")):
            assert finders.find(link.removeprefix(static(""))), f"{link} is not among the static files"
