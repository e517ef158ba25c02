import pytest

from hoptac.core.pagination import MAX_LIMIT, MAX_OFFSET

pytestmark = pytest.mark.django_db

LISTS = ["/api/organisations/", "/api/plans", "/api/reminders/notifications"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"offset": 2**63},
        {"limit": 2**63},
        {"offset": 2**64 + 1},
        {"offset": MAX_OFFSET + 1},
        {"limit": MAX_LIMIT + 1},
        {"limit": 0},
        {"offset": -1},
        {"offset": 2**63 - 1, "limit": 2},
    ],
)
def test_an_out_of_range_page_is_a_422(client, bearer, url, query):
    response = client.get(url, query, headers=bearer("member"))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "detail" in response.json()


@pytest.mark.parametrize("url", LISTS)
def test_the_bounds_themselves_are_answered(client, bearer, url):
    response = client.get(url, {"offset": MAX_OFFSET, "limit": MAX_LIMIT}, headers=bearer("staff"))
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_every_paginated_endpoint_documents_its_bounds(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    bounded = {}
    for url, operations in paths.items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] in ("limit", "offset"):
                    bounded.setdefault(url, {})[parameter["name"]] = parameter["schema"]["maximum"]
    assert bounded == {url: {"limit": MAX_LIMIT, "offset": MAX_OFFSET} for url in bounded}
    assert {"/api/organisations/", "/api/plans", "/api/reminders/notifications"} <= set(bounded)
