"""Schemathesis over every endpoint of /api/openapi.json, as an alliance admin and as a member
representative: generated requests, valid and invalid, never get a 5xx, and every answer is one the
schema documents.

Bounded and derandomized, so that CI sends the same requests every run: MAX_EXAMPLES valid and as many
invalid requests per endpoint and user. Ids in paths are mostly folded onto the few rows the test makes
(`_onto_rows`), so that requests reach real plans, activities and organisations, not only 404s.
schemathesis's pytest plugin (`from_fixture`) does not run under pytest 9, so each endpoint's strategy
is run by hypothesis here, and every failure is reported at the end."""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation.modes import GenerationMode

from hoptac.accounts.services import api_token_create
from hoptac.plans.tests.conftest import world  # noqa: F401  (the shared fixture)
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

# HOPTAC_FUZZ_EXAMPLES=500 for a deeper run by hand; the suite's figure keeps the test near a minute.
MAX_EXAMPLES = int(os.environ.get("HOPTAC_FUZZ_EXAMPLES", "12"))
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI handler on the test database, with the closing of connections after each request
    switched off as Django's test client does: it would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app, world):  # noqa: F811
    make_plan(issuer=world["ours"], activities=4)
    make_plan(issuer=world["national"], activities=2)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)

    @schema.hook
    def map_path_parameters(context, path_parameters):
        return {name: _onto_rows(value) for name, value in (path_parameters or {}).items()}

    return schema


def _onto_rows(value):
    """Three ids in four onto 1..12, where rows exist; the rest as generated (404s, huge numbers)."""
    return value % 12 + 1 if isinstance(value, int) and value % 4 else value


def fuzz(schema, headers: dict[str, str]) -> list[str]:
    """Every operation, valid then invalid requests: a line per operation that failed a check."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @FUZZ
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                run()
            except (AssertionError, BaseExceptionGroup) as error:  # reported; the others still run
                failures.append(f"{operation.label} ({mode}): {error}")
    return failures


def bearer(user) -> dict[str, str]:
    _, token = api_token_create(user=user)
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("role", ["alliance_admin", "member"])
def test_generated_requests_get_no_server_error(api_schema, world, role):  # noqa: F811
    failures = fuzz(api_schema, bearer(world["users"][role]))
    assert not failures, "\n\n".join(failures)
