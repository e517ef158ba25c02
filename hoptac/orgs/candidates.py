"""The registry in memory for one resolution: every unit a name could mean, loaded in a few queries.

Loaded once per call, whatever the number of names: the registry's own rows (alliances, their bodies,
outside bodies, clusters: about a thousand) with all their aliases, plus the member organisations whose
key is one of the names. Members are tens of thousands; only those are ever fetched by key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import ALLIANCE_KINDS, MEMBER_KINDS, Alias, Organisation, OrganisationKind, Province
from hoptac.orgs.registry.specs import PLACE_VARIANTS

# How a key led to a unit.
NAME, ALIAS, OWN_ALIAS, OTHER_ALIAS = "name", "alias", "relative alias", "relative alias elsewhere"
MAX_CHAIN = 20  # successors followed at most: a loop in the data must not hang a request


@dataclass(frozen=True)
class Entry:
    organisation_id: int
    via: str
    within_id: int | None = None


class Candidates:
    def __init__(self, *, context: Organisation | None, organisations: dict[int, Organisation]) -> None:
        self.context = context
        self.organisations = organisations
        self.entries: dict[str, list[Entry]] = {}
        self.place_words: dict[int, frozenset[str]] = {}

    @classmethod
    def load(cls, *, keys: Iterable[str], context: Organisation | None) -> Candidates:
        """The units `keys` can name, seen from `context` (an alliance, or a unit inside one)."""
        keys = set(keys)
        alliance = alliance_of(context)
        wanted = keys | {prefix for key in keys for prefix in _prefixes(key)}
        found = Organisation.objects.exclude(kind__in=MEMBER_KINDS) | Organisation.objects.filter(
            kind__in=MEMBER_KINDS, key__in=keys
        )
        organisations = {org.pk: org for org in found}
        candidates = cls(context=alliance, organisations=organisations)
        for org in organisations.values():
            candidates._add(org.key, Entry(org.pk, NAME))
        # Members' aliases only by key: those of the registry's own units all, for close matches.
        scope = ~Q(organisation__kind__in=MEMBER_KINDS) | Q(key__in=wanted)
        if alliance is not None:
            scope |= Q(within_id=alliance.pk)
        alias_rows = list(Alias.objects.filter(scope).values_list("organisation_id", "key", "within_id"))
        candidates._fetch({org_id for org_id, _, _ in alias_rows})
        for org_id, key, within_id in alias_rows:
            if within_id is None:
                via = ALIAS
            else:
                via = OWN_ALIAS if alliance is not None and within_id == alliance.pk else OTHER_ALIAS
            candidates._add(key, Entry(org_id, via, within_id))
        candidates._fetch_successors()
        candidates.place_words = {p.pk: _place_words(p) for p in Province.objects.all()}
        return candidates

    def add_members(self, members: Iterable[Organisation]) -> None:
        """Members fetched later for close matches: they join the candidates under their names."""
        for org in members:
            if org.pk not in self.organisations:
                self.organisations[org.pk] = org
                self._add(org.key, Entry(org.pk, NAME))
        self._fetch_successors()

    def exact(self, key: str) -> list[Entry]:
        """What `key` names as a whole: a unit's own name, a global alias, or one of the context's."""
        return [e for e in self.entries.get(key, ()) if e.via != OTHER_ALIAS]

    def relative(self, key: str, *, within: Organisation) -> list[Entry]:
        return [e for e in self.entries.get(key, ()) if e.within_id == within.pk]

    def is_relative_elsewhere(self, key: str) -> bool:
        return any(e.via == OTHER_ALIAS for e in self.entries.get(key, ()))

    def searchable(self) -> Iterable[tuple[str, Entry]]:
        """Every (key, entry) a close match may land on: what `exact` could return, for any key."""
        for key, entries in self.entries.items():
            for entry in entries:
                if entry.via != OTHER_ALIAS:
                    yield key, entry

    def relative_to(self, alliance: Organisation) -> Iterable[tuple[str, Entry]]:
        for key, entries in self.entries.items():
            for entry in entries:
                if entry.within_id == alliance.pk:
                    yield key, entry

    def final(self, org: Organisation) -> Organisation:
        """The end of `org`'s successor chain: the unit that carries on today."""
        for _ in range(MAX_CHAIN):
            if org.successor_id is None or org.successor_id not in self.organisations:
                break
            org = self.organisations[org.successor_id]
        return org

    def choose(self, entries: list[Entry], *, on: date | None) -> tuple[Organisation | None, int]:
        """The best of `entries` for the context, and how many distinct units were in the running.

        Ambiguity left after the preferences (the context's own aliases, its own units, its province,
        the unit in force on `on`) is not settled by guessing: (None, n) unless all lead to one unit.
        """
        best: dict[int, Entry] = {}
        for entry in entries:
            known = best.get(entry.organisation_id)
            if known is None or (entry.via == OWN_ALIAS and known.via != OWN_ALIAS):
                best[entry.organisation_id] = entry
        if not best:
            return None, 0
        ranked = sorted(best.values(), key=lambda e: self.preference(e, on=on))
        first = self.organisations[ranked[0].organisation_id]
        if len(ranked) == 1 or self.preference(ranked[0], on=on) < self.preference(ranked[1], on=on):
            return first, len(ranked)
        finals = {self.final(self.organisations[e.organisation_id]).pk for e in ranked}
        return (first if len(finals) == 1 else None), len(ranked)

    def preference(self, entry: Entry, *, on: date | None) -> tuple[bool, ...]:
        """Sort key of a candidate: False sorts first, so each True is a point against it."""
        org = self.organisations[entry.organisation_id]
        context = self.context
        own = context is not None and context.pk in (org.pk, org.parent_id)
        local = (
            context is not None and context.province_id is not None and org.province_id == context.province_id
        )
        in_force = (
            org.valid_until is None if on is None else (org.valid_until is None or on <= org.valid_until)
        )
        return (entry.via != OWN_ALIAS, not own, not local, not in_force)

    def _add(self, key: str, entry: Entry) -> None:
        self.entries.setdefault(key, []).append(entry)

    def _fetch(self, ids: set[int]) -> None:
        missing = ids - self.organisations.keys()
        if missing:
            self.organisations.update((o.pk, o) for o in Organisation.objects.filter(pk__in=missing))

    def _fetch_successors(self) -> None:
        for _ in range(MAX_CHAIN):
            missing = {
                o.successor_id for o in self.organisations.values() if o.successor_id
            } - self.organisations.keys()
            if not missing:
                return
            self._fetch(missing)


def alliance_of(unit: Organisation | None) -> Organisation | None:
    """The alliance whose own names ("Văn phòng", "UBND tỉnh") a unit's documents use: an alliance
    itself, the alliance a department or member belongs to, else the alliance of the unit's province
    (a document of "UBND tỉnh Lạng Sơn" means Lạng Sơn's "Sở Nội vụ")."""
    if unit is None or unit.kind in ALLIANCE_KINDS:
        return unit
    if unit.parent_id is not None and unit.parent.kind in ALLIANCE_KINDS:
        return unit.parent
    if unit.province_id is None:
        return None
    alliances = Organisation.objects.filter(
        kind=OrganisationKind.PROVINCIAL_ALLIANCE, province_id=unit.province_id
    )
    return alliances.order_by("pk").first()


def _place_words(province: Province) -> frozenset[str]:
    """The words that name `province` in its units' names and aliases ("bac", "ninh"; "hcm")."""
    variants = PLACE_VARIANTS.get(province.name, ())
    return frozenset(province.key.split()).union(*(unit_key(v).split() for v in variants))


def _prefixes(key: str) -> list[str]:
    words = key.split()
    return [" ".join(words[:i]) for i in range(1, len(words))]
