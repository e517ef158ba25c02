import unicodedata

import pytest

from hoptac.orgs.errors import InvalidOrganisation
from hoptac.orgs.models import Alias, Organisation, OrganisationKind, Province
from hoptac.orgs.services.organisations import alias_add, organisation_create

pytestmark = pytest.mark.django_db


def decomposed(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def bac_ninh():
    province = Province.objects.create(name="Bắc Ninh", key="bac ninh")
    return organisation_create(
        by=None,
        kind=OrganisationKind.PROVINCIAL_ALLIANCE,
        name="Liên minh Hợp tác xã tỉnh Bắc Ninh",
        province=province,
    )


def test_organisation_create_stores_nfc_text_and_the_key(bac_ninh):
    member = organisation_create(
        by=None,
        kind=OrganisationKind.COOPERATIVE,
        name=decomposed("  HTX  Dịch vụ nông nghiệp Tam Sơn "),
        parent=bac_ninh,
        province=bac_ninh.province,
        tax_code="2300100016",
        address=decomposed("Thôn Tam Sơn"),
        legal_representative=decomposed("Nguyễn Văn Đức"),
    )
    member.refresh_from_db()
    assert member.name == "HTX Dịch vụ nông nghiệp Tam Sơn"
    assert unicodedata.is_normalized("NFC", member.name)
    assert member.key == "hop tac xa dich vu nong nghiep tam son"
    assert member.address == "Thôn Tam Sơn"
    assert member.legal_representative == "Nguyễn Văn Đức"
    assert (member.parent, member.province, member.tax_code) == (bac_ninh, bac_ninh.province, "2300100016")


def test_organisation_create_without_a_tax_code_stores_null():
    first = organisation_create(
        by=None, kind=OrganisationKind.COOPERATIVE_GROUP, name="Tổ hợp tác A", tax_code=""
    )
    second = organisation_create(by=None, kind=OrganisationKind.COOPERATIVE_GROUP, name="Tổ hợp tác B")
    assert (first.tax_code, second.tax_code) == (None, None)  # two nulls do not collide on the unique index


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "cooperative", "name": "  "}, "A unit needs a name."),
        ({"kind": "planet", "name": "Sao Hỏa"}, "planet is not a kind of unit."),
        (
            {"kind": "cooperative", "name": "HTX A", "tax_code": "0100109107"},
            "Tax code 0100109107 is not valid",
        ),
        ({"kind": "cooperative", "name": "HTX A", "email": "not-an-address"}, "Enter a valid email address."),
    ],
)
def test_organisation_create_refuses_what_cannot_be_registered(fields, message):
    with pytest.raises(InvalidOrganisation, match=message):
        organisation_create(by=None, **fields)
    assert not Organisation.objects.exists()


def test_organisation_create_refuses_a_tax_code_already_registered():
    organisation_create(by=None, kind=OrganisationKind.COOPERATIVE, name="HTX Một", tax_code="0100109106")
    with pytest.raises(InvalidOrganisation, match="already belongs to HTX Một"):
        organisation_create(
            by=None, kind=OrganisationKind.COOPERATIVE, name="HTX Hai", tax_code="0100 109 106"
        )


def test_organisation_create_refuses_unknown_fields():
    with pytest.raises(TypeError, match="website"):
        organisation_create(by=None, kind=OrganisationKind.COOPERATIVE, name="HTX A", website="x.vn")


def test_alias_add_is_idempotent_on_the_key(bac_ninh):
    first = alias_add(by=None, organisation=bac_ninh, name="LMHTX Bắc Ninh")
    again = alias_add(by=None, organisation=bac_ninh, name=decomposed("Liên minh HTX  Bắc Ninh"))
    assert again.pk == first.pk
    assert Alias.objects.filter(organisation=bac_ninh).count() == 1
    assert (first.name, first.key, first.within) == ("LMHTX Bắc Ninh", "lien minh hop tac xa bac ninh", None)


def test_alias_add_relative_to_an_alliance(bac_ninh):
    office = organisation_create(
        by=None, kind=OrganisationKind.DEPARTMENT, name="Văn phòng LMHTX Bắc Ninh", parent=bac_ninh
    )
    alias = alias_add(by=None, organisation=office, name=decomposed("Văn phòng"), within=bac_ninh)
    assert (alias.name, alias.key, alias.within) == ("Văn phòng", "van phong", bac_ninh)


def test_alias_add_refuses_an_empty_name(bac_ninh):
    with pytest.raises(InvalidOrganisation):
        alias_add(by=None, organisation=bac_ninh, name=" - ")


def test_the_registry_services_check_who_calls_them(bac_ninh):
    """organisation_create and members_import check permission inside, whatever calls them."""
    from django.core.exceptions import PermissionDenied

    from hoptac.accounts.models import User, UserRole
    from hoptac.orgs.services.organisations import members_import

    other = organisation_create(
        by=None, kind=OrganisationKind.PROVINCIAL_ALLIANCE, name="Liên minh HTX tỉnh An Giang"
    )
    staff = User.objects.create_user("staff", organisation=bac_ninh, role=UserRole.ALLIANCE_STAFF)
    leader = User.objects.create_user("leader", organisation=bac_ninh, role=UserRole.LEADERSHIP)
    foreign = User.objects.create_user("foreign", organisation=other, role=UserRole.ALLIANCE_ADMIN)
    made = organisation_create(by=staff, kind=OrganisationKind.OUTSIDE_BODY, name="Sở Tài chính")
    assert made.pk is not None
    with pytest.raises(PermissionDenied):
        organisation_create(by=leader, kind=OrganisationKind.OUTSIDE_BODY, name="Sở Xây dựng")
    with pytest.raises(PermissionDenied):
        alias_add(by=leader, organisation=made, name="STC")
    assert alias_add(by=staff, organisation=made, name="STC").organisation == made
    members = "Tên,Mã số thuế\nHTX Tam Sơn,2300100016\n".encode()
    with pytest.raises(PermissionDenied):
        members_import(data=members, file_name="tv.csv", alliance=bac_ninh, dry_run=False, by=foreign)
    report = members_import(data=members, file_name="tv.csv", alliance=bac_ninh, dry_run=True, by=staff)
    assert not report.errors
    assert not Organisation.objects.filter(name="Sở Xây dựng").exists()
