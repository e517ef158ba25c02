"""The OpenAPI schema documents the errors each endpoint can answer, all with one schema."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def operations(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    return {
        (method.upper(), path): operation for path, ops in paths.items() for method, operation in ops.items()
    }


def errors(operation) -> set[int]:
    return {int(status) for status in operation["responses"] if int(status) >= 400}


def test_every_error_answer_has_the_one_error_schema(operations):
    for key, operation in operations.items():
        assert 401 in errors(operation), key
        for status in errors(operation):
            schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Error"}, (key, status)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (("GET", "/api/tracking/my-work"), {401}),
        (("GET", "/api/plans"), {401, 422}),
        (("GET", "/api/plans/{plan_id}"), {401, 403, 404, 422}),
        (("PATCH", "/api/activities/{activity_id}"), {400, 401, 403, 404, 409, 422}),
        (("POST", "/api/calendars/tokens"), {400, 401, 403, 404, 422}),
        (("PATCH", "/api/reminders/mutes"), {400, 401, 403, 422}),
    ],
)
def test_each_endpoint_documents_the_errors_it_can_give(operations, key, expected):
    assert errors(operations[key]) == expected


def test_no_schema_but_error_describes_an_error(client):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "Message" not in schemas
    assert schemas["Error"]["required"] == ["detail"]
