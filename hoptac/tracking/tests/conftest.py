import pytest
from django.utils import translation

from hoptac.plans.tests.conftest import world  # noqa: F401  (the shared fixture)


@pytest.fixture(autouse=True)
def vietnamese():
    """Messages are checked as the interface shows them, whatever another test left active."""
    with translation.override("vi"):
        yield
