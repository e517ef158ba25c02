from datetime import date

import pytest
from django.core.management import call_command

from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Alias, Organisation, OrganisationKind, Province
from hoptac.orgs.registry.specs import registry_specs
from hoptac.orgs.services.organisations import organisation_create, registry_load
from hoptac.orgs.tests.conftest import alliance, unit

pytestmark = pytest.mark.django_db

MERGED = date(2025, 6, 30)
STANDARD_BODIES = {
    (OrganisationKind.LEADERSHIP, "Thường trực"),
    (OrganisationKind.LEADERSHIP, "Ban Thường vụ"),
    (OrganisationKind.LEADERSHIP, "Ban Chấp hành"),
    (OrganisationKind.DEPARTMENT, "Văn phòng"),
    (OrganisationKind.DEPARTMENT, "Ban Kế hoạch - Hỗ trợ"),
    (OrganisationKind.DEPARTMENT, "Ban Kiểm tra"),
    (OrganisationKind.DEPARTMENT, "Ban Tư vấn và Phát triển HTX"),
    (OrganisationKind.DEPARTMENT, "Trung tâm Dịch vụ hỗ trợ HTX"),
    (OrganisationKind.DEPARTMENT, "Ban Biên tập"),
}


def test_provinces_keep_the_2025_history(registry):
    current = Province.objects.filter(valid_until__isnull=True)
    absorbed = Province.objects.filter(valid_until=MERGED)
    assert current.count() == 34
    assert absorbed.count() == 29
    assert Province.objects.count() == 64  # 34 current, 29 absorbed, Thừa Thiên Huế renamed
    assert {p.successor.name for p in absorbed.filter(name__in=["Yên Bái", "Kiên Giang", "Bắc Giang"])} == {
        "Lào Cai",
        "An Giang",
        "Bắc Ninh",
    }
    assert all(p.successor.valid_until is None for p in absorbed.select_related("successor"))
    assert current.filter(kind=Province.Kind.CITY).count() == 6
    hue, old = Province.objects.get(name="Huế"), Province.objects.get(name="Thừa Thiên Huế")
    assert (hue.kind, old.kind, old.valid_until, old.successor) == (
        Province.Kind.CITY,
        Province.Kind.PROVINCE,
        date(2024, 12, 31),
        hue,
    )
    assert not old.organisations.exists()  # a rename: Huế's units keep their rows, the old names are aliases


def test_the_national_alliance_and_its_bodies(registry):
    national = Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE)
    assert (national.name, national.short_name, national.issuer_code) == (
        "Liên minh Hợp tác xã Việt Nam",
        "VCA",
        "LMHTXVN",
    )
    leadership = {o.short_name: o for o in national.children.filter(kind=OrganisationKind.LEADERSHIP)}
    assert set(leadership) == {"Thường trực", "Ban Thường vụ", "Ban Chấp hành"}
    assert leadership["Ban Thường vụ"].issuer_code == "BTVLMHTXVN"
    departments = set(
        national.children.filter(kind=OrganisationKind.DEPARTMENT).values_list("short_name", flat=True)
    )
    assert {"Ban TCCB", "Ban Kế hoạch - Hỗ trợ", "Văn phòng", "Ban Kiểm tra"} <= departments
    assert unit("Ban Tổ chức cán bộ Liên minh Hợp tác xã Việt Nam").short_name == "Ban TCCB"


def test_every_alliance_has_the_standard_bodies_and_former_ones_are_succeeded(registry):
    alliances = Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_ALLIANCE).select_related(
        "province"
    )
    assert alliances.filter(valid_until__isnull=True).count() == 34
    assert alliances.filter(valid_until=MERGED).count() == 29
    national = Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE)
    for each in alliances:
        assert (each.parent, each.issuer_code) == (national, "LMHTX")
        bodies = {(b.kind, b.short_name): b for b in each.children.all()}
        assert set(bodies) == STANDARD_BODIES, each.name
        assert all(
            b.province_id == each.province_id and b.valid_until == each.valid_until for b in bodies.values()
        )
        if each.valid_until is None:
            assert all(b.successor is None for b in bodies.values())
            continue
        assert each.successor.province == each.province.successor
        for ident, body in bodies.items():
            assert body.successor.parent == each.successor, body.name
            assert (body.successor.kind, body.successor.short_name) == ident


def test_yen_bai_alliance_merged_into_lao_cai(registry):
    yen_bai = alliance("Yên Bái")
    assert (yen_bai.name, yen_bai.valid_until, yen_bai.successor) == (
        "Liên minh Hợp tác xã tỉnh Yên Bái",
        MERGED,
        alliance("Lào Cai"),
    )
    office = unit("Văn phòng Liên minh Hợp tác xã tỉnh Yên Bái")
    assert office.successor == unit("Văn phòng Liên minh Hợp tác xã tỉnh Lào Cai")


def test_outside_bodies_of_every_province(registry):
    for province in Province.objects.exclude(name="Thừa Thiên Huế"):
        names = set(
            province.organisations.filter(kind=OrganisationKind.OUTSIDE_BODY).values_list("name", flat=True)
        )
        place = province.name
        unit_word = "thành phố" if province.kind == Province.Kind.CITY else "tỉnh"
        assert f"Ủy ban nhân dân {unit_word} {place}" in names
        assert f"Ủy ban Mặt trận Tổ quốc Việt Nam {unit_word} {place}" in names
        assert f"Sở Nội vụ {unit_word} {place}" in names
        assert any(n.startswith("Ban Dân vận") for n in names)
        assert any(n.startswith("Báo ") for n in names)
        assert len(names) == (9 if province.valid_until is None else 7), place
    assert unit("Ban Dân vận Thành ủy Hà Nội").province.name == "Hà Nội"
    assert unit("Ủy ban nhân dân tỉnh Bắc Giang").successor == unit("Ủy ban nhân dân tỉnh Bắc Ninh")


def test_renamed_hue_keeps_one_row_with_its_old_names_as_aliases(registry):
    hue = alliance("Huế")
    assert (hue.name, hue.valid_until) == ("Liên minh Hợp tác xã thành phố Huế", None)
    old_names = set(
        Alias.objects.filter(organisation=hue, within__isnull=True).values_list("name", flat=True)
    )
    assert "Liên minh Hợp tác xã tỉnh Thừa Thiên Huế" in old_names
    assert Alias.objects.filter(organisation=unit("Báo Huế"), name="Báo Thừa Thiên Huế").exists()


def test_clusters_named_in_the_seeds(registry):
    tay_bac = unit("Cụm Thi đua 7 tỉnh Tây Bắc")
    assert tay_bac.kind == OrganisationKind.CLUSTER
    assert alliance("Yên Bái") in tay_bac.cluster_members.all()
    assert {a.province.name for a in unit("Cụm thi đua Tây Nam Sông Hậu").cluster_members.all()} == {
        "An Giang",
        "Cà Mau",
    }
    block = unit("Khối Thi đua các Hội đặc thù tỉnh Yên Bái")
    assert (block.kind, block.province.name, block.successor.name) == (
        OrganisationKind.CLUSTER,
        "Yên Bái",
        "Khối Thi đua các Hội đặc thù tỉnh Lào Cai",
    )


def test_relative_aliases_of_an_alliance(registry):
    an_giang = alliance("An Giang")
    relative = {
        a.key: a.organisation.name
        for a in Alias.objects.filter(within=an_giang).select_related("organisation")
    }
    office, planning = (
        "Văn phòng Liên minh Hợp tác xã tỉnh An Giang",
        "Ban Kế hoạch - Hỗ trợ Liên minh Hợp tác xã tỉnh An Giang",
    )
    for written, meant in [
        ("Văn phòng", office),
        ("VP", office),
        ("Ban KH-HT", planning),
        ("Phòng kế hoạch và xúc tiến thương mại", planning),
        (
            "Phòng tư vấn và phát triển HTX",
            "Ban Tư vấn và Phát triển hợp tác xã Liên minh Hợp tác xã tỉnh An Giang",
        ),
        (
            "Trung tâm dịch vụ hỗ trợ các HTX",
            "Trung tâm Dịch vụ hỗ trợ hợp tác xã Liên minh Hợp tác xã tỉnh An Giang",
        ),
        ("LMHTX tỉnh", an_giang.name),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh An Giang"),
        ("Sở Nội vụ", "Sở Nội vụ tỉnh An Giang"),
    ]:
        assert relative[unit_key(written)] == meant, written


def test_aliases_never_repeat_a_key_of_their_own_unit(registry):
    # "LMHTX tỉnh X" and "LM HTX tỉnh X" have the key of "Liên minh Hợp tác xã tỉnh X" itself: no row for them.
    assert not Alias.objects.filter(key=alliance("Bắc Ninh").key).exists()
    assert Alias.objects.filter(organisation=alliance("Bắc Ninh"), name="Liên minh HTX Bắc Ninh").exists()


def test_the_data_files_give_every_name_one_unit():
    specs = registry_specs()  # refuses colliding keys and aliases with ValueError
    assert len(specs.organisations) == len({o.key for o in specs.organisations})


def test_a_second_load_creates_and_updates_nothing(db):
    first = registry_load()
    assert first["organisations"].created == Organisation.objects.count()
    second = registry_load()
    for table, count in second.items():
        assert (count.created, count.updated) == (0, 0), table
        assert count.unchanged == first[table].created, table


def test_a_load_repairs_a_changed_row_and_adopts_a_unit_registered_by_hand(db):
    hand_made = organisation_create(by=None, kind=OrganisationKind.OUTSIDE_BODY, name="Báo Bắc Ninh")
    registry_load()
    assert Organisation.objects.filter(key="bao bac ninh").count() == 1
    hand_made.refresh_from_db()
    assert hand_made.province.name == "Bắc Ninh"
    office = unit("Văn phòng Liên minh Hợp tác xã tỉnh An Giang")
    Organisation.objects.filter(pk=office.pk).update(short_name="VP cũ", parent=None)
    counts = registry_load()
    assert counts["organisations"].updated == 1
    office.refresh_from_db()
    assert (office.short_name, office.parent) == ("Văn phòng", alliance("An Giang"))


def test_the_load_takes_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    # How fast it is: bench/members.py.
    with django_assert_max_num_queries(80):
        registry_load()


def test_load_registry_command_reports_what_it_did(db, capsys):
    call_command("load_registry")
    first = capsys.readouterr().out
    # 1 national alliance with 8 bodies, 2 clusters, 63 alliances with 9 bodies each, 8 outside bodies
    # of each of the 63 provinces and 2 more formed in 2025 for each of the 34 current ones.
    assert "organisations: 1213 created, 0 updated, 0 unchanged" in first
    call_command("load_registry")
    again = capsys.readouterr().out
    assert "organisations: 0 created, 0 updated, 1213 unchanged" in again
    assert "provinces: 0 created, 0 updated, 64 unchanged" in again
