"""Write the registry's specifications to the database: create what is missing, update what differs.

Rows are found by key (a province's, or a non-member organisation's): running it again changes nothing,
and an organisation someone registered by hand under a registry name is taken over, not duplicated.
Every step is a bulk operation, so the whole registry costs a few dozen queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from django.utils import timezone

from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import MEMBER_KINDS, Alias, Organisation, Province
from hoptac.orgs.registry.specs import OrgSpec, ProvinceSpec, RegistrySpecs

BATCH = 500
ORG_FIELDS = (
    "kind",
    "name",
    "short_name",
    "province_id",
    "issuer_code",
    "valid_until",
    "parent_id",
    "successor_id",
)


class SyncCount(NamedTuple):
    created: int
    updated: int
    unchanged: int


def registry_sync(specs: RegistrySpecs) -> dict[str, SyncCount]:
    provinces, province_count = _provinces_sync(specs.provinces)
    organisations, org_count = _organisations_sync(specs.organisations, provinces)
    return {
        "provinces": province_count,
        "organisations": org_count,
        "aliases": _aliases_sync(specs.organisations, organisations),
        "cluster memberships": _clusters_sync(specs.organisations, organisations),
    }


def _provinces_sync(specs: list[ProvinceSpec]) -> tuple[dict[str, Province], SyncCount]:
    rows = {p.key: p for p in Province.objects.filter(key__in=[s.key for s in specs])}
    existing = set(rows)
    by_name = {s.name: s.key for s in specs}
    # Current provinces first, so that the former ones are created already pointing at them.
    for wave in ([s for s in specs if not s.successor], [s for s in specs if s.successor]):
        new = [
            Province(
                key=s.key,
                name=s.name,
                kind=s.kind,
                valid_until=s.valid_until,
                successor=rows[by_name[s.successor]] if s.successor else None,
            )
            for s in wave
            if s.key not in rows
        ]
        Province.objects.bulk_create(new, batch_size=BATCH)
        rows.update((p.key, p) for p in new)
    changed = []
    for spec in specs:
        successor_id = rows[by_name[spec.successor]].pk if spec.successor else None
        wanted = {
            "name": spec.name,
            "kind": spec.kind,
            "valid_until": spec.valid_until,
            "successor_id": successor_id,
        }
        if spec.key in existing and _assign(rows[spec.key], wanted):
            changed.append(rows[spec.key])
    Province.objects.bulk_update(changed, ["name", "kind", "valid_until", "successor"], batch_size=BATCH)
    created = len(rows) - len(existing)
    return rows, SyncCount(created, len(changed), len(specs) - created - len(changed))


def _organisations_sync(
    specs: list[OrgSpec], provinces: dict[str, Province]
) -> tuple[dict[str, Organisation], SyncCount]:
    by_name = {p.name: p for p in provinces.values()}
    registry = Organisation.objects.exclude(kind__in=MEMBER_KINDS).filter(key__in=[s.key for s in specs])
    rows: dict[str, Organisation] = {}
    for org in registry.order_by("pk"):
        rows.setdefault(org.key, org)
    existing = set(rows)
    # Created in waves, each row after its parent and successor, so that it is inserted complete.
    depth: dict[str, int] = {}
    for spec in specs:
        refs = [r for r in (spec.parent, spec.successor) if r is not None and r not in existing]
        depth[spec.key] = 1 + max((depth[r] for r in refs), default=-1)
    for level in sorted({depth[s.key] for s in specs if s.key not in existing}):
        new = [
            _filled(Organisation(key=s.key), s, by_name, rows)
            for s in specs
            if depth[s.key] == level and s.key not in rows
        ]
        Organisation.objects.bulk_create(new, batch_size=BATCH)
        rows.update((o.key, o) for o in new)
    now, changed = timezone.now(), []
    for spec in specs:
        if spec.key not in existing:
            continue
        row = rows[spec.key]
        before = tuple(getattr(row, f) for f in ORG_FIELDS)
        if tuple(getattr(_filled(row, spec, by_name, rows), f) for f in ORG_FIELDS) != before:
            row.updated_at = now
            changed.append(row)
    fields = [f.removesuffix("_id") for f in ORG_FIELDS] + ["updated_at"]
    Organisation.objects.bulk_update(changed, fields, batch_size=BATCH)
    created = len(rows) - len(existing)
    return rows, SyncCount(created, len(changed), len(specs) - created - len(changed))


def _filled(
    row: Organisation, spec: OrgSpec, provinces: dict[str, Province], rows: dict[str, Organisation]
) -> Organisation:
    row.kind, row.name, row.short_name = spec.kind, spec.name, spec.short_name
    row.province_id = provinces[spec.province].pk if spec.province else None
    row.issuer_code, row.valid_until = spec.issuer_code, spec.valid_until
    row.parent_id = rows[spec.parent].pk if spec.parent else None
    row.successor_id = rows[spec.successor].pk if spec.successor else None
    return row


def _aliases_sync(specs: list[OrgSpec], rows: dict[str, Organisation]) -> SyncCount:
    wanted: dict[tuple[int, str], Alias] = {}
    for spec in specs:
        org_id = rows[spec.key].pk
        for name, within in [(a, None) for a in spec.aliases] + spec.relative:
            alias = Alias(organisation_id=org_id, name=name, within_id=rows[within].pk if within else None)
            alias.key = unit_key(name)
            wanted.setdefault((org_id, alias.key), alias)
    existing = {
        (a.organisation_id, a.key): a
        for a in Alias.objects.filter(organisation_id__in=[o.pk for o in rows.values()])
    }
    new = [alias for ident, alias in wanted.items() if ident not in existing]
    changed = []
    for ident, alias in wanted.items():
        row = existing.get(ident)
        if row is not None and _assign(row, {"name": alias.name, "within_id": alias.within_id}):
            changed.append(row)
    Alias.objects.bulk_create(new, batch_size=BATCH)
    Alias.objects.bulk_update(changed, ["name", "within"], batch_size=BATCH)
    return SyncCount(len(new), len(changed), len(wanted) - len(new) - len(changed))


def _clusters_sync(specs: Iterable[OrgSpec], rows: dict[str, Organisation]) -> SyncCount:
    through = Organisation.clusters.through
    wanted = {(rows[s.key].pk, rows[c].pk) for s in specs for c in s.clusters}
    existing = set(
        through.objects.filter(from_organisation_id__in={m for m, _ in wanted}).values_list(
            "from_organisation_id", "to_organisation_id"
        )
    )
    new = wanted - existing
    through.objects.bulk_create(
        [through(from_organisation_id=m, to_organisation_id=c) for m, c in sorted(new)], batch_size=BATCH
    )
    return SyncCount(len(new), 0, len(wanted) - len(new))


def _assign(row: object, values: dict[str, object]) -> bool:
    """Set `values` on `row`; whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed
