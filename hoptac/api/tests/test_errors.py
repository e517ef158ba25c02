"""Every API error is JSON {"detail": ...}, whatever the settings profile: an unexpected exception is
logged and answered with a JSON 500, never Django's HTML page."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from hoptac.api.errors import NO_SUCH_ENDPOINT, SERVER_ERROR

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).parents[3]


@pytest.fixture
def broken_plan_list(monkeypatch):
    def fail(user):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("hoptac.plans.api.plans_visible_to", fail)


@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_exception_is_a_json_500_and_logged(bearer, broken_plan_list, caplog, debug):
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug):
        response = client.get("/api/plans", headers=bearer("staff"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": SERVER_ERROR}
    assert "the database went away" not in response.content.decode()
    logged = [r for r in caplog.records if r.name == "hoptac.api"]
    assert logged[0].getMessage() == "API error on GET /api/plans"
    assert "the database went away" in str(logged[0].exc_info[1])


@pytest.mark.parametrize("url", ["/api/", "/api/nothing-here", "/api/plans/1/nothing"])
def test_an_address_under_api_that_no_endpoint_has_is_a_json_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": NO_SUCH_ENDPOINT}


def test_without_a_token_the_answer_is_a_json_401(client):
    response = client.get("/api/plans")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_under_production_settings_a_500_is_json(tmp_path):
    """The production profile itself, in a fresh interpreter: a database without tables makes the
    token lookup fail, inside the API."""
    script = """
import django, json
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get(
    "/api/plans", headers={"Authorization": "Bearer x"}, secure=True, HTTP_HOST="hoptac.example"
)
print(json.dumps([response.status_code, response["Content-Type"], response.content.decode()]))
"""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "hoptac.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    status, content_type, body = json.loads(run.stdout.splitlines()[-1])
    assert (status, content_type) == (500, "application/json; charset=utf-8")
    assert json.loads(body) == {"detail": SERVER_ERROR}
    assert "no such table" in run.stderr  # the traceback went to the log


def test_a_method_the_address_does_not_take_is_a_json_405(bearer):
    response = Client().delete("/api/plans", headers=bearer("staff"))
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("This address does not take the DELETE method")
    assert "GET" in response["Allow"]
