import pytest

from hoptac.accounts.models import User, UserRole
from hoptac.accounts.services import api_token_create
from hoptac.orgs.models import OrganisationKind
from hoptac.orgs.services.organisations import organisation_create
from hoptac.orgs.tests.conftest import alliance, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def bearer(registry):
    staff = User.objects.create_user(
        "ag.staff", role=UserRole.ALLIANCE_STAFF, organisation=alliance("An Giang")
    )
    _token, secret = api_token_create(user=staff)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_units_are_searched_by_their_folded_key(client, bearer):
    response = client.get("/api/organisations/", {"q": "van phong lien minh htx an giang"}, **bearer)
    assert response.status_code == 200
    assert [u["name"] for u in response.json()["items"]] == ["Văn phòng Liên minh Hợp tác xã tỉnh An Giang"]


def test_former_units_are_listed_only_when_asked(client, bearer):
    current = client.get("/api/organisations/", {"q": "Liên minh HTX tỉnh Yên Bái"}, **bearer).json()
    assert current["items"] == []
    former = client.get("/api/organisations/", {"q": "LMHTX tinh Yen Bai", "current": False}, **bearer).json()
    yen_bai = next(u for u in former["items"] if u["kind"] == OrganisationKind.PROVINCIAL_ALLIANCE)
    assert (yen_bai["valid_until"], yen_bai["successor_id"], yen_bai["province"]) == (
        "2025-06-30",
        alliance("Lào Cai").pk,
        "Yên Bái",
    )


def test_another_alliances_members_are_not_shown(client, bearer):
    ours = organisation_create(
        by=None,
        kind=OrganisationKind.COOPERATIVE,
        name="HTX Mỹ Hòa",
        parent=alliance("An Giang"),
        tax_code="0100109106",
    )
    theirs = organisation_create(
        by=None, kind=OrganisationKind.COOPERATIVE, name="HTX Mỹ Hòa Bắc", parent=alliance("Bắc Ninh")
    )
    found = client.get("/api/organisations/", {"q": "HTX My Hoa"}, **bearer).json()["items"]
    assert [u["id"] for u in found] == [ours.pk]
    assert "tax_code" not in found[0]  # members' details stay out of the registry's API
    assert client.get(f"/api/organisations/{theirs.pk}", **bearer).status_code == 404
    office = unit("Văn phòng Liên minh Hợp tác xã tỉnh Bắc Ninh")
    assert (
        client.get(f"/api/organisations/{office.pk}", **bearer).json()["parent_id"] == alliance("Bắc Ninh").pk
    )


def test_the_api_needs_a_token(client, registry):
    assert client.get("/api/organisations/").status_code == 401
