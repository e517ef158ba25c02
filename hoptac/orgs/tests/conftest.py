import pytest
from django.utils import translation

from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.orgs.services.organisations import registry_load


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted as their English msgids; the Vietnamese catalogue is tested in tests/."""
    with translation.override("en"):
        yield


@pytest.fixture
def registry(db):
    registry_load()


def alliance(place: str) -> Organisation:
    """The provincial alliance of `place` (a province's name as the registry has it, current or former)."""
    return Organisation.objects.get(kind=OrganisationKind.PROVINCIAL_ALLIANCE, province__name=place)


def unit(name: str) -> Organisation:
    return Organisation.objects.get(name=name)
