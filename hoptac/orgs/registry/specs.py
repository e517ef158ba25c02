"""The registry's rows as specifications, read from the CSV files beside this module; no database.

What is built, for each of the 64 provinces (34 current, 29 absorbed on 1 July 2025, and Thừa Thiên Huế,
which became thành phố Huế on 1 January 2025):
- its provincial alliance, under the national one, with the standard bodies of `bodies.csv` (leadership
  bodies and departments), each named "<body> <alliance>" and also known by its short forms inside its
  alliance (relative aliases);
- the outside bodies of `outside_bodies.csv` (UBND, MTTQ, Sở Nội vụ, Ban Dân vận, newspaper, radio-TV,
  portal, the province's emulation block), with their short forms relative to that province's alliance;
  those formed in 2025 by merging older ones (Báo và Phát thanh, Truyền hình; Ban Tuyên giáo và Dân
  vận) only for the current provinces, and without successor links, as each province merged on its
  own date.
An absorbed province's units end on 30 June 2025 and are succeeded by the same unit of the province they
joined. A renamed one (Huế) keeps one row per unit under the new name, and the old names become aliases:
the body did not change, so its members, users and plans stay on one row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from hoptac.core.text import nfc, squash_spaces
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import OrganisationKind, Province

DATA = Path(__file__).parent
# Resolution 202/2025/QH15: the 34 provinces exist from 1 July 2025, so the 29 absorbed end the day before.
MERGED_UNTIL = date(2025, 6, 30)
# Resolution 1314/NQ-UBTVQH15: Thừa Thiên Huế is thành phố Huế, a centrally governed city, from 1/1/2025.
RENAMED_UNTIL = {"Thừa Thiên Huế": date(2024, 12, 31)}
# Other ways documents write a place, used like its name ("UBND TP.HCM" is "UBND thành phố HCM").
PLACE_VARIANTS = {"Hồ Chí Minh": ("HCM",)}

NATIONAL_NAME = "Liên minh Hợp tác xã Việt Nam"
NATIONAL_SHORT = "VCA"
NATIONAL_CODE = "LMHTXVN"
NATIONAL_ALIASES = (
    "VCA",
    "Liên minh HTX VN",
    "Vietnam Cooperative Alliance",
    "Liên minh Hợp tác xã Việt Nam (VCA)",
)
NATIONAL_RELATIVE = ("Liên minh Hợp tác xã", "Liên minh", "Liên minh Trung ương")
ALLIANCE_CODE = "LMHTX"
ALLIANCE_NAME = "Liên minh Hợp tác xã {unit} {place}"
ALLIANCE_SHORT = "Liên minh HTX {unit} {place}"
ALLIANCE_ALIASES = ("Liên minh HTX {place}",)
# How an alliance's own documents name it: "Liên minh HTX tỉnh", "LMHTX tỉnh", "cơ quan Liên minh HTX tỉnh".
ALLIANCE_RELATIVE = (
    "Liên minh Hợp tác xã {unit}",
    "Liên minh Hợp tác xã",
    "Liên minh {unit}",
    "Liên minh",
    "cơ quan Liên minh Hợp tác xã {unit}",
    "cơ quan Liên minh",
)


@dataclass(frozen=True)
class ProvinceSpec:
    name: str
    kind: str
    valid_until: date | None = None
    successor: str | None = None  # the name of the province it became part of

    @property
    def key(self) -> str:
        return unit_key(self.name)


@dataclass
class OrgSpec:
    """One registry organisation. References to other rows (parent, successor, within) are their keys."""

    kind: str
    name: str
    short_name: str = ""
    province: str | None = None
    parent: str | None = None
    successor: str | None = None
    issuer_code: str = ""
    valid_until: date | None = None
    aliases: list[str] = field(default_factory=list)
    relative: list[tuple[str, str]] = field(default_factory=list)  # (name as written, key of the alliance)
    clusters: list[str] = field(default_factory=list)
    key: str = ""

    def __post_init__(self) -> None:
        self.name, self.short_name = _clean(self.name), _clean(self.short_name)
        self.key = unit_key(self.name)


@dataclass(frozen=True)
class RegistrySpecs:
    provinces: list[ProvinceSpec]
    organisations: list[OrgSpec]


@dataclass(frozen=True)
class _Place:
    """How one province is written: "tỉnh Bắc Ninh", "Tỉnh ủy"; "thành phố Huế", "Thành ủy"."""

    name: str
    is_city: bool

    def fill(self, template: str) -> str:
        unit, party = ("thành phố", "Thành ủy") if self.is_city else ("tỉnh", "Tỉnh ủy")
        return _clean(template.format(unit=unit, party=party, place=self.name))


@cache
def registry_specs() -> RegistrySpecs:
    """Every row of the registry, in an order where a row's parent and successor come first."""
    provinces = _provinces()
    renamed_into = {p.successor: p.name for p in provinces if p.name in RENAMED_UNTIL}
    national = OrgSpec(
        kind=OrganisationKind.NATIONAL_ALLIANCE,
        name=NATIONAL_NAME,
        short_name=NATIONAL_SHORT,
        issuer_code=NATIONAL_CODE,
        aliases=list(NATIONAL_ALIASES),
    )
    national.relative = [(name, national.key) for name in NATIONAL_RELATIVE]
    organisations = [national, *_bodies_of(national, scope="national", successor=None)]
    clusters = _clusters()
    organisations.extend(cluster for cluster, _ in clusters)
    alliances: dict[str, OrgSpec] = {}
    places: dict[str, _Place] = {}
    for province in provinces:
        if province.name in RENAMED_UNTIL:
            continue
        primary = places[province.name] = _Place(province.name, province.kind == Province.Kind.CITY)
        written = [primary]
        if province.name in renamed_into:
            written.append(_Place(renamed_into[province.name], is_city=False))
        written.extend(_Place(variant, primary.is_city) for variant in PLACE_VARIANTS.get(province.name, ()))
        successor = alliances.get(province.successor or "")
        alliance = _alliance(province, written, parent=national, successor=successor)
        alliance.clusters = [cluster.key for cluster, members in clusters if province.name in members]
        alliances[province.name] = alliance
        organisations.append(alliance)
        organisations.extend(_bodies_of(alliance, scope="provincial", successor=successor))
        later = places.get(province.successor or "")
        organisations.extend(_outside_bodies(province, written, alliance, successor_place=later))
    for org in organisations:
        org.aliases = _unique(org.aliases, own=org.key)
        org.relative = _unique_relative(org.relative, own=org.key)
    specs = RegistrySpecs(provinces=provinces, organisations=organisations)
    _check(specs)
    return specs


def _provinces() -> list[ProvinceSpec]:
    current, former = [], []
    for row in _rows("provinces-2025.csv"):
        kind = Province.Kind.CITY if row["kind"] == "thành phố" else Province.Kind.PROVINCE
        current.append(ProvinceSpec(name=row["new_unit"], kind=kind))
        formed_from = [re.sub(r"\s*\(.*?\)", "", name).strip() for name in row["formed_from"].split(";")]
        for name in formed_from:
            if name == row["new_unit"]:
                continue
            # A new unit named after none of its parts is a rename; one named after a part absorbed the rest.
            until = MERGED_UNTIL if row["new_unit"] in formed_from else RENAMED_UNTIL[name]
            former.append(
                ProvinceSpec(
                    name=name, kind=Province.Kind.PROVINCE, valid_until=until, successor=row["new_unit"]
                )
            )
    return current + former


def _alliance(
    province: ProvinceSpec, written: list[_Place], *, parent: OrgSpec, successor: OrgSpec | None
) -> OrgSpec:
    primary = written[0]
    alliance = OrgSpec(
        kind=OrganisationKind.PROVINCIAL_ALLIANCE,
        name=primary.fill(ALLIANCE_NAME),
        short_name=primary.fill(ALLIANCE_SHORT),
        province=province.name,
        parent=parent.key,
        successor=successor.key if successor else None,
        issuer_code=ALLIANCE_CODE,
        valid_until=province.valid_until,
        aliases=[p.fill(t) for p in written for t in (ALLIANCE_NAME, ALLIANCE_SHORT, *ALLIANCE_ALIASES)],
    )
    alliance.relative = [(p.fill(t), alliance.key) for p in written for t in ALLIANCE_RELATIVE]
    return alliance


def _bodies_of(alliance: OrgSpec, *, scope: str, successor: OrgSpec | None) -> list[OrgSpec]:
    """The leadership bodies and departments of `alliance`, each succeeded by its namesake in `successor`."""
    bodies = []
    for row in _rows("bodies.csv"):
        if row["scope"] not in ("all", scope):
            continue
        bodies.append(
            OrgSpec(
                kind=row["kind"],
                name=f"{row['name']} {alliance.name}",
                short_name=row["short_name"],
                province=alliance.province,
                parent=alliance.key,
                successor=unit_key(f"{row['name']} {successor.name}") if successor else None,
                issuer_code=row["national_issuer_code"] if scope == "national" else "",
                valid_until=alliance.valid_until,
                relative=[
                    (n, alliance.key) for n in (row["name"], row["short_name"], *_split(row["aliases"]))
                ],
            )
        )
    return bodies


def _outside_bodies(
    province: ProvinceSpec, written: list[_Place], alliance: OrgSpec, *, successor_place: _Place | None
) -> list[OrgSpec]:
    """The outside bodies of `province`; their short forms ("UBND tỉnh") are relative to its alliance."""
    primary, others = written[0], written[1:]
    bodies = []
    for row in _rows("outside_bodies.csv"):
        if row["scope"] == "current" and province.valid_until is not None:
            continue  # formed in 2025 by merging bodies; the dates differ by province, so no successors
        name, short_name, aliases = _outside_names(row, primary)
        templates = (row["name"], row["short_name"], *_split(row["aliases"]))
        successor = unit_key(_outside_names(row, successor_place)[0]) if successor_place else None
        bodies.append(
            OrgSpec(
                kind=row["kind"],
                name=name,
                short_name=short_name,
                province=province.name,
                successor=successor,
                valid_until=province.valid_until,
                aliases=aliases + [p.fill(t) for p in others for t in templates],
                relative=[
                    (p.fill(t), alliance.key) for p in written for t in _split(row["relative_aliases"])
                ],
            )
        )
    return bodies


def _outside_names(row: dict[str, str], place: _Place) -> tuple[str, str, list[str]]:
    """Name, short name and aliases of one outside body of `place`: its own names where it has them."""
    own = _own_names().get((place.name, row["code"]))
    if own:
        return own["name"], own["short_name"], _split(own["aliases"])
    return (
        place.fill(row["name"]),
        place.fill(row["short_name"]),
        [place.fill(t) for t in _split(row["aliases"])],
    )


@cache
def _own_names() -> dict[tuple[str, str], dict[str, str]]:
    return {(row["place"], row["code"]): row for row in _rows("outside_names.csv")}


def _clusters() -> list[tuple[OrgSpec, list[str]]]:
    """The emulation clusters and the provinces whose alliances belong to them."""
    return [
        (
            OrgSpec(
                kind=OrganisationKind.CLUSTER,
                name=row["name"],
                short_name=row["short_name"],
                aliases=_split(row["aliases"]),
            ),
            _split(row["members"]),
        )
        for row in _rows("clusters.csv")
    ]


def _check(specs: RegistrySpecs) -> None:
    """Refuse data whose keys collide: a name must lead to one row, or the resolver would have to guess."""
    provinces = {p.name for p in specs.provinces}
    keys: dict[str, str] = {}
    for org in specs.organisations:
        if keys.setdefault(org.key, org.name) != org.name:
            raise ValueError(f"{org.name} and {keys[org.key]} have the same key {org.key!r}")
        if org.province is not None and org.province not in provinces:
            raise ValueError(f"{org.name} names the unknown province {org.province}")
    named: dict[tuple[str, str | None], str] = {}
    for org in specs.organisations:
        for key, within in [(unit_key(a), None) for a in org.aliases] + [
            (unit_key(n), w) for n, w in org.relative
        ]:
            if within is None and key in keys:
                raise ValueError(f"alias {key!r} of {org.name} is the key of {keys[key]}")
            if named.setdefault((key, within), org.name) != org.name:
                raise ValueError(
                    f"alias {key!r} (within {within}) names {org.name} and {named[(key, within)]}"
                )
        for ref in (org.parent, org.successor, *(w for _, w in org.relative), *org.clusters):
            if ref is not None and ref not in keys:
                raise ValueError(f"{org.name} refers to {ref!r}, which is not in the registry")


def _unique(names: list[str], *, own: str) -> list[str]:
    """`names` once per key, without the organisation's own key: such an alias would add nothing."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(unit_key(name), _clean(name))
    by_key.pop(own, None)
    return list(by_key.values())


def _unique_relative(names: list[tuple[str, str]], *, own: str) -> list[tuple[str, str]]:
    by_key: dict[tuple[str, str], tuple[str, str]] = {}
    for name, within in names:
        by_key.setdefault((unit_key(name), within), (_clean(name), within))
    return [value for (key, _), value in by_key.items() if key != own]


def _rows(file_name: str) -> list[dict[str, str]]:
    with (DATA / file_name).open(encoding="utf-8", newline="") as handle:
        return [{k: nfc(v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _clean(text: str) -> str:
    return squash_spaces(nfc(text))
