import pytest

from hoptac.accounts.models import User, UserRole
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Organisation, OrganisationKind, Province

SEED_000 = "000_0e5e096b7a25b8e8.txt"


def make_org(name, kind, **fields):
    return Organisation.objects.create(name=name, key=unit_key(name), kind=kind, **fields)


def make_user(username, role, organisation):
    return User.objects.create_user(
        username=username, password="pw-" + username, role=role, organisation=organisation
    )


@pytest.fixture
def world(db):
    """Two alliances under the national one, with a department and a member each, and one user per role."""
    national = make_org("Liên minh Hợp tác xã Việt Nam", OrganisationKind.NATIONAL_ALLIANCE)
    bac_ninh = Province.objects.create(name="Bắc Ninh", key="bac ninh")
    an_giang = Province.objects.create(name="An Giang", key="an giang")
    ours = make_org(
        "Liên minh Hợp tác xã tỉnh Bắc Ninh",
        OrganisationKind.PROVINCIAL_ALLIANCE,
        parent=national,
        province=bac_ninh,
        issuer_code="LMHTX",
    )
    other = make_org(
        "Liên minh Hợp tác xã tỉnh An Giang",
        OrganisationKind.PROVINCIAL_ALLIANCE,
        parent=national,
        province=an_giang,
    )
    office = make_org("Văn phòng", OrganisationKind.DEPARTMENT, parent=ours, province=bac_ninh)
    advice = make_org(
        "Phòng Tư vấn và Phát triển HTX", OrganisationKind.DEPARTMENT, parent=ours, province=bac_ninh
    )
    member = make_org(
        "Hợp tác xã Tam Sơn",
        OrganisationKind.COOPERATIVE,
        parent=ours,
        province=bac_ninh,
        tax_code="2300100016",
    )
    other_member = make_org(
        "Hợp tác xã Mỹ Hòa", OrganisationKind.COOPERATIVE, parent=other, province=an_giang
    )
    users = {
        "admin": make_user("admin", UserRole.SYSTEM_ADMIN, None),
        "alliance_admin": make_user("bn.admin", UserRole.ALLIANCE_ADMIN, ours),
        "staff": make_user("bn.staff", UserRole.ALLIANCE_STAFF, ours),
        "leader": make_user("bn.leader", UserRole.LEADERSHIP, ours),
        "office": make_user("bn.office", UserRole.DEPARTMENT_MEMBER, office),
        "advice": make_user("bn.advice", UserRole.DEPARTMENT_MEMBER, advice),
        "member": make_user("htx.tamson", UserRole.MEMBER_REPRESENTATIVE, member),
        "other_staff": make_user("ag.staff", UserRole.ALLIANCE_STAFF, other),
        "other_member": make_user("htx.myhoa", UserRole.MEMBER_REPRESENTATIVE, other_member),
        "viewer": make_user("vca.viewer", UserRole.NATIONAL_VIEWER, national),
    }
    return {
        "national": national,
        "ours": ours,
        "other": other,
        "office": office,
        "advice": advice,
        "member": member,
        "users": users,
    }
