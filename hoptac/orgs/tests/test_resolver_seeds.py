"""Every unit name the engine reads from the five seed plans, with the unit it means, decided by reading
each plan: the context is the plan's issuer as `resolve_issuer` finds it (matched, possibly historical).

An entry is (unit to use, row the name matched) by name, or None for a name that is no unit: a plural
group ("các sở, ngành"), people ("Chủ tịch, các PCT"), the archive line, or a sentence the engine took
for a name. Every named entry is an exact resolution (1.0): none of these names needs a close match.
"""

from datetime import date
from pathlib import Path

import pytest

from hoptac.documents import parse_path
from hoptac.orgs.models import Organisation
from hoptac.orgs.resolver import resolve_issuer, resolve_units
from hoptac.orgs.tests.conftest import alliance

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).parents[2] / "documents" / "tests" / "fixtures" / "seeds"
NATIONAL = "Liên minh Hợp tác xã Việt Nam"
BN = "Liên minh Hợp tác xã tỉnh Bắc Ninh"
AG = "Liên minh Hợp tác xã tỉnh An Giang"
YB, LC = "Liên minh Hợp tác xã tỉnh Yên Bái", "Liên minh Hợp tác xã tỉnh Lào Cai"
HUE = "Liên minh Hợp tác xã thành phố Huế"


def same(name: str) -> tuple[str, str]:
    return (name, name)


EXPECTED: dict[str, dict[str, tuple[str, str] | None]] = {
    "000_0e5e096b7a25b8e8.txt": {
        "LIÊN MINH HTX TỈNH BẮC NINH": same(BN),
        "UBND TỈNH BẮC NINH": same("Ủy ban nhân dân tỉnh Bắc Ninh"),
        "Văn phòng Liên minh HTX tỉnh Bắc Ninh": same(f"Văn phòng {BN}"),
        "Các phòng ban, đơn vị thuộc Liên minh HTX tỉnh": None,
        "Ban biên tập cổng thông tin điện tử": same(f"Ban Biên tập Cổng thông tin điện tử {BN}"),
        "Đài phát thanh và truyền hình tỉnh": same("Đài Phát thanh và Truyền hình Bắc Ninh"),
        "Báo Bắc Ninh": same("Báo Bắc Ninh"),
        "Cổng thông tin điện tử tỉnh": same("Cổng Thông tin điện tử tỉnh Bắc Ninh"),
        "các cơ quan báo chí khác": None,
        "Văn phòng": same(f"Văn phòng {BN}"),
        # Bắc Ninh's planning department, which also promotes trade, under its own name.
        "Phòng kế hoạch và xúc tiến thương mại": same(f"Ban Kế hoạch - Hỗ trợ {BN}"),
        "Phòng tư vấn và phát triển HTX": same(f"Ban Tư vấn và Phát triển hợp tác xã {BN}"),
        "Văn phòng Liên minh HTX tỉnh": same(f"Văn phòng {BN}"),
        "Trung tâm dịch vụ hỗ trợ các HTX": same(f"Trung tâm Dịch vụ hỗ trợ hợp tác xã {BN}"),
        "Liên minh HTX Việt Nam": same(NATIONAL),
        "LM HTX Việt Nam": same(NATIONAL),
        "UBND tỉnh Bắc Ninh": same("Ủy ban nhân dân tỉnh Bắc Ninh"),
        # The cluster leader in 2023; Vĩnh Phúc joined Phú Thọ in 2025.
        "LM HTX tỉnh Vĩnh Phúc": ("Liên minh Hợp tác xã tỉnh Phú Thọ", "Liên minh Hợp tác xã tỉnh Vĩnh Phúc"),
        "Chủ tịch, các PCT": None,
        "LưuVT": None,
    },
    "001_797fcba4950cf719.txt": {
        # 2021: still tỉnh Thừa Thiên Huế; the same alliance is thành phố Huế's since 2025.
        "Liên minh HTX tỉnh Thừa Thiên Huế": same(HUE),
        "Đài Phát thanh Truyền hình tỉnh": same("Đài Phát thanh và Truyền hình Huế"),
        "Báo Thừa Thiên Huế": same("Báo Huế"),
        "Trường hợp do ảnh hưởng dịch COVID-19 thì": None,
    },
    "002_06325638f0b0109d.txt": {
        "Liên minh Hợp tác xã tỉnh An Giang": same(AG),
        "Văn phòng": same(f"Văn phòng {AG}"),
        "Ban Kế hoạch - Hỗ trợ": same(f"Ban Kế hoạch - Hỗ trợ {AG}"),
        "Ban Kiểm tra": same(f"Ban Kiểm tra {AG}"),
        "Ban Thường vụ Liên minh Hợp tác xã Việt Nam": same(f"Ban Thường vụ {NATIONAL}"),
        "Ban Kế hoạch - Hỗ trợ - Liên minh HTX Việt Nam": same(f"Ban Kế hoạch - Hỗ trợ {NATIONAL}"),
        "Liên minh HTX tỉnh Cà Mau": same("Liên minh Hợp tác xã tỉnh Cà Mau"),
        "Thường trực Liên minh HTX tỉnh": same(f"Thường trực {AG}"),
        "Các Phòng, Ban Liên minh HTX tỉnh": None,
        "Các HTX, LHHTX và QTDND thành viên": None,
        "Lưu: VP": None,
    },
    "003_79c72ee01b11fa83.txt": {
        # Issued by the Yên Bái alliance in November 2024: its own names are Yên Bái's, today Lào Cai's.
        "Liên minh HTX tỉnh Yên Bái": (LC, YB),
        "các sở, ngành": None,
        "chính quyền địa phương": None,
        "Ban Thường vụ Liên minh HTX Việt Nam": same(f"Ban Thường vụ {NATIONAL}"),
        "UBND tỉnh": ("Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Yên Bái"),
        "Liên minh HTX Việt Nam": same(NATIONAL),
        "Ban TCCB LM HTXVN": same(f"Ban Tổ chức cán bộ {NATIONAL}"),
        "Ban Dân vận Tỉnh ủy": ("Ban Dân vận Tỉnh ủy Lào Cai", "Ban Dân vận Tỉnh ủy Yên Bái"),
        "Sở Nội vụ tỉnh": ("Sở Nội vụ tỉnh Lào Cai", "Sở Nội vụ tỉnh Yên Bái"),
        "Ủy ban MTTQ Việt Nam tỉnh Yên Bái": (
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Yên Bái",
        ),
        "Khối Thi đua các Hội đặc thù": (
            "Khối Thi đua các Hội đặc thù tỉnh Lào Cai",
            "Khối Thi đua các Hội đặc thù tỉnh Yên Bái",
        ),
        "Cụm Thi đua 7 tỉnh Tây Bắc": same("Cụm Thi đua 7 tỉnh Tây Bắc"),
        "Các phòng, đơn vị trực thuộc": None,
        "Các HTX, THT, Quỹ TDND, DN thành viên": None,
        "Lưu: VP. LMHTX tỉnh": None,
    },
    "004_0771b7f303093da8.txt": {
        "Liên minh HTX tỉnh Yên Bái": (LC, YB),
    },
}
ISSUERS = {
    "000_0e5e096b7a25b8e8.txt": same(BN),
    "001_797fcba4950cf719.txt": same(HUE),
    "002_06325638f0b0109d.txt": same(AG),
    "003_79c72ee01b11fa83.txt": (LC, YB),
    "004_0771b7f303093da8.txt": (LC, YB),
}


def names_read(reading: dict) -> set[str]:
    """Every unit name of a reading: units, recipients, issuer and parent, activities' lead and coordinating."""
    names = {u["name"] for u in reading["units"]} | {r["name"] for r in reading["recipients"]}
    names |= {n for n in (reading["issuer"]["name"], reading["issuer"]["parent"]) if n}
    stack = list(reading["activities"])
    while stack:
        activity = stack.pop()
        names.update(activity["lead"], activity["coordinating"])
        stack.extend(activity["children"])
    return names


def outcome(found) -> tuple[str, str] | None:
    if found.organisation is None:
        return None
    return (found.organisation.name, found.matched.name)


def read(seed: str) -> tuple[dict, date | None]:
    reading = parse_path(SEEDS / seed).to_dict()
    return reading, date.fromisoformat(reading["date"]) if reading["date"] else None


def issuer_of(reading: dict, on: date | None):
    return resolve_issuer(
        reading["issuer"]["name"],
        parent_name=reading["issuer"]["parent"],
        issuer_code=reading["issuer_code"],
        on=on,
    )


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_unit_name_of_a_seed_resolves_as_the_plan_means_it(registry, seed):
    reading, on = read(seed)
    assert names_read(reading) == set(EXPECTED[seed]), "the engine reads other names: update the table"
    issuer = issuer_of(reading, on)
    assert (outcome(issuer), issuer.confidence) == (ISSUERS[seed], 1.0)
    found = resolve_units(sorted(EXPECTED[seed]), context=issuer.matched, on=on)
    wrong = {
        name: (outcome(found[name]), found[name].confidence, found[name].reason)
        for name, expected in EXPECTED[seed].items()
        if outcome(found[name]) != expected or found[name].confidence != (0.0 if expected is None else 1.0)
    }
    assert wrong == {}


def test_an_old_plan_resolves_alike_from_the_successor_alliance(registry):
    """Lào Cai's staff importing Yên Bái's 2024 plan get the same units as the plan's own context."""
    _reading, on = read("003_79c72ee01b11fa83.txt")
    from_lao_cai = resolve_units(
        sorted(EXPECTED["003_79c72ee01b11fa83.txt"]), context=alliance("Lào Cai"), on=on
    )
    for name, expected in EXPECTED["003_79c72ee01b11fa83.txt"].items():
        used = from_lao_cai[name].organisation
        assert (used.name if used else None) == (expected[0] if expected else None), name


def test_every_seed_unit_resolved_is_current(registry):
    for seed, table in EXPECTED.items():
        reading, on = read(seed)
        issuer = issuer_of(reading, on)
        for found in resolve_units(sorted(table), context=issuer.matched, on=on).values():
            if found.organisation is not None:
                assert Organisation.objects.get(pk=found.organisation.pk).valid_until is None
