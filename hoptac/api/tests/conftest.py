import pytest

from hoptac.accounts.services import api_token_create
from hoptac.plans.tests.conftest import world  # noqa: F401  (the shared fixture)


@pytest.fixture
def bearer(world):  # noqa: F811
    """`bearer("staff")`: the Authorization header of a new API token of that user of `world`."""

    def header(role: str) -> dict[str, str]:
        _, token = api_token_create(user=world["users"][role])
        return {"Authorization": f"Bearer {token}"}

    return header
