"""Which registered unit a name written in a document means (docs/adr/0009-organisation-registry.md).

For one name, by its key (`unit_key`: abbreviations expanded, case and diacritics folded), in order:
1. nothing to resolve: an empty name or the archive line ("Lưu: VT", "LưuVT");
2. the key of a unit, of a global alias, or of an alias relative to the context alliance: 1.0
   ("Văn phòng", "UBND tỉnh" and "Liên minh HTX tỉnh" are the context's own);
3. a plural group ("các sở, ngành", "Các HTX ... thành viên"): none, never a guess;
4. a body of an alliance named after it: "Văn phòng Liên minh HTX tỉnh", "Ban TCCB LM HTXVN": 1.0;
5. a close match (a typo, a missing word): below REVIEW_BELOW, for a person to confirm.
A unit that was merged or renamed resolves to the end of its successor chain (`organisation`), and
`matched` keeps the row the name itself named. A tie the context cannot settle resolves to none.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import itemgetter, or_

from django.db.models import Case, Count, Q, When

from hoptac.documents.parse.units import unit_key
from hoptac.orgs.candidates import ALIAS, MAX_CHAIN, NAME, OWN_ALIAS, Candidates, Entry, alliance_of
from hoptac.orgs.fuzzy import Closeness, closeness
from hoptac.orgs.models import ALLIANCE_KINDS, MEMBER_KINDS, Organisation

REVIEW_BELOW = 0.9  # every close match is below it: the review page asks a person
ISSUER_CODE_CONFIDENCE = 0.85
# The first word of a group of units: "các", "những", "toàn thể", "mọi".
PLURAL_OPENINGS = frozenset({"cac", "nhung", "toan", "moi"})


def names_a_group(name: str) -> bool:
    """`name` names a group of units ("Liên minh HTX các tỉnh, thành phố", "Các sở, ngành"), which no
    single registered unit stands for: not a unit missing from the registry."""
    words = unit_key(name).split()
    return bool(words) and (words[0] in PLURAL_OPENINGS or "cac" in words)


# How a member's name opens; only such names are looked for among the members by a word of theirs.
MEMBER_OPENINGS = (
    "hop tac xa",
    "lien hiep",
    "quy tin dung",
    "to hop tac",
    "doanh nghiep",
    "cong ty",
    "chi nhanh",
)
# Words too common in members' names to find one by ("Hợp tác xã Dịch vụ nông nghiệp ...").
COMMON_PHRASES = (
    "Liên hiệp hợp tác xã", "Quỹ tín dụng nhân dân", "Tổ hợp tác", "Doanh nghiệp", "Công ty TNHH",
    "Công ty cổ phần", "Chi nhánh", "dịch vụ", "nông nghiệp", "sản xuất", "kinh doanh", "thương mại",
    "tổng hợp", "và", "thành viên",
)  # fmt: skip
COMMON_WORDS = frozenset(word for phrase in COMMON_PHRASES for word in unit_key(phrase).split())
# Words that tell members apart poorly: the kind of place ("Thôn", "Ấp", "Bản") or a number.
PLACE_TYPE_WORDS = frozenset(
    {"thon", "xom", "ap", "ban", "lang", "xa", "phuong", "huyen", "tinh", "khu", "so"}
)
MEMBER_SEARCH_LIMIT = 5_000
MAX_CLOSE_CANDIDATES = 100
MAX_SEARCH_WORDS = 60
HOW = {NAME: "exact name", ALIAS: "alias", OWN_ALIAS: "relative alias"}


@dataclass(frozen=True)
class Resolution:
    """What a written name resolved to. `organisation` is the unit to use (today's successor of an old
    one), `matched` the row the name named (possibly historical), `reason` a short English account."""

    organisation: Organisation | None
    matched: Organisation | None
    confidence: float
    reason: str


def resolve_units(
    names: Sequence[str], *, context: Organisation | None, on: date | None = None
) -> dict[str, Resolution]:
    """Resolve each of `names` as written by `context` (an alliance, or a unit inside one) on `on`.

    A bounded number of queries, whatever the number of names: the candidates are loaded once.
    """
    keys = {name: unit_key(name) for name in names}
    candidates = Candidates.load(keys=keys.values(), context=context)
    results = {name: _resolve_exactly(key, candidates, on=on) for name, key in keys.items()}
    pending = {name: keys[name] for name, found in results.items() if found is None}
    if pending:
        candidates.add_members(_members_like(pending.values(), context=candidates.context))
        search = _Search(candidates)
        for name, key in pending.items():
            results[name] = _resolve_closely(key, candidates, search, on=on)
    return results


def resolve_issuer(
    name: str, *, parent_name: str | None = None, issuer_code: str | None = None, on: date | None = None
) -> Resolution:
    """The unit that issued a document. Its parent body ("UBND TỈNH BẮC NINH") tells whose own name
    a bare "LIÊN MINH HTX TỈNH" is; the issuer code of the number ("BTVLMHTXVN") is the last resort.

    An old issuer ("Liên minh HTX tỉnh Yên Bái" in 2024) has `matched` the historical row and
    `organisation` its successor: the caller decides which one the document belongs to.
    """
    context = None
    if parent_name:
        parent = resolve_units([parent_name], context=None, on=on)[parent_name]
        context = alliance_of(parent.matched)
    resolution = resolve_units([name], context=context, on=on)[name]
    if resolution.organisation is None and issuer_code:
        return _by_issuer_code(issuer_code) or resolution
    return resolution


def _resolve_exactly(key: str, candidates: Candidates, *, on: date | None) -> Resolution | None:
    """The resolution every exact rule gives, or None to try a close match."""
    words = key.split()
    if not words:
        return _none("empty name")
    if words[0].startswith("luu"):
        return _none("archive line")
    entries = candidates.exact(key)
    if entries:
        org, count = candidates.choose(entries, on=on)
        if org is None:
            return _none(f"ambiguous: {count} units")
        how = HOW[_best_via(entries, org)]
        return _found(org, 1.0, how, candidates, on=on)
    if candidates.context is None and any(candidates.is_relative_elsewhere(s) for s in _suffixes(words)):
        return _none("needs context: an alliance's own name")
    if names_a_group(key):
        return _none("plural group")
    for alliance, prefix in _alliance_suffixes(words, candidates, on=on):
        bodies = [
            e for e in candidates.relative(prefix, within=alliance) if _belongs(e, alliance, candidates)
        ]
        org, _count = candidates.choose(bodies, on=on)
        if org is not None:
            return _found(org, 1.0, "body of a named alliance", candidates, on=on)
    return None


def _resolve_closely(key: str, candidates: Candidates, search: _Search, *, on: date | None) -> Resolution:
    words = tuple(key.split())
    matches = search.close_to(words)
    for alliance, prefix in _alliance_suffixes(list(words), candidates, on=on):
        bodies = [(k, e) for k, e in candidates.relative_to(alliance) if _belongs(e, alliance, candidates)]
        matches += _close(tuple(prefix.split()), bodies)
        if matches:
            break
    if not matches:
        return _none("no match")
    top = max(c.confidence for c, _ in matches)
    best = [(c, e) for c, e in matches if c.confidence == top]
    org, count = candidates.choose([e for _, e in best], on=on)
    if org is None:
        return _none(f"ambiguous: {count} close matches")
    closest = next(c for c, e in best if e.organisation_id == org.pk)
    return _found(org, closest.confidence, closest.describe(), candidates, on=on)


class _Search:
    """The candidates' keys by first word, for close matches: a name and its match open alike."""

    def __init__(self, candidates: Candidates) -> None:
        self.candidates = candidates
        self.by_head: dict[str, list[tuple[tuple[str, ...], frozenset[str], Entry]]] = {}
        for key, entry in candidates.searchable():
            words = tuple(key.split())
            if words:
                self.by_head.setdefault(words[0], []).append((words, frozenset(words), entry))

    def close_to(self, words: tuple[str, ...]) -> list[tuple[Closeness, Entry]]:
        if not words:
            return []
        # Close means two differences at most, and a pair of names differs in at least as many words
        # as the longer has beyond those they share: a set intersection rules out most at once.
        repeated = len(words) - len(set(words))
        rows = []
        for registered, vocabulary, entry in self.by_head.get(words[0], ()):
            shared = len(vocabulary.intersection(words))
            if max(len(words), len(registered)) - shared <= 2 + repeated:
                rows.append((shared, registered, entry))
        if len(rows) > MAX_CLOSE_CANDIDATES:  # thousands of members named alike: the nearest only
            rows = heapq.nlargest(MAX_CLOSE_CANDIDATES, rows, key=itemgetter(0))
        found = []
        for _shared, registered, entry in rows:
            if entry.via == OWN_ALIAS:
                match = closeness(words, registered, place=frozenset(), is_relative=True)
            else:  # the other names must name the unit's province
                org = self.candidates.organisations[entry.organisation_id]
                place = self.candidates.place_words.get(org.province_id, frozenset())
                match = closeness(words, registered, place=place)
            if match is not None:
                found.append((match, entry))
        return found


def _close(words: tuple[str, ...], keyed: list[tuple[str, Entry]]) -> list[tuple[Closeness, Entry]]:
    """Close matches of a body's name among the relative names of one alliance's bodies."""
    found = []
    for key, entry in keyed:
        match = closeness(words, tuple(key.split()), place=frozenset(), is_relative=True)
        if match is not None:
            found.append((match, entry))
    return found


def _alliance_suffixes(words: list[str], candidates: Candidates, *, on: date | None):
    """(alliance, the words before it) for each tail of `words` naming an alliance, longest tail first."""
    for i in range(1, len(words)):
        entries = candidates.exact(" ".join(words[i:]))
        alliances = [e for e in entries if candidates.organisations[e.organisation_id].kind in ALLIANCE_KINDS]
        alliance, _count = candidates.choose(alliances, on=on)
        if alliance is not None:
            yield alliance, " ".join(words[:i])


def _suffixes(words: list[str]) -> list[str]:
    return [" ".join(words[i:]) for i in range(len(words))]


def _belongs(entry: Entry, alliance: Organisation, candidates: Candidates) -> bool:
    """Whether the entry's unit is one of `alliance`'s own bodies (not an outside body it names)."""
    return candidates.organisations[entry.organisation_id].parent_id == alliance.pk


def _best_via(entries: list[Entry], org: Organisation) -> str:
    vias = {e.via for e in entries if e.organisation_id == org.pk}
    return next(via for via in (OWN_ALIAS, NAME, ALIAS) if via in vias)


def _found(
    org: Organisation, confidence: float, how: str, candidates: Candidates, *, on: date | None
) -> Resolution:
    final = candidates.final(org)
    reason = how
    if final.pk != org.pk:
        until = f" until {org.valid_until.isoformat()}" if org.valid_until else ""
        reason += f"; former unit{until}, now {final.name}"
        if on is not None and org.valid_until is not None and on > org.valid_until:
            reason += "; named after it ended"
    elif org.valid_until is not None:
        reason += f"; former unit until {org.valid_until.isoformat()}, no successor"
    return Resolution(organisation=final, matched=org, confidence=confidence, reason=reason)


def _none(reason: str) -> Resolution:
    return Resolution(organisation=None, matched=None, confidence=0.0, reason=reason)


def _members_like(keys, *, context: Organisation | None) -> list[Organisation]:
    """Members that may be close to the names opening like a member's ("HTX Vĩnh Cường"): those
    sharing the rarest telling word of each name, counted first in one query (a mistyped word counts 0).
    """
    telling = {key: _telling_words(key) for key in keys if key.startswith(MEMBER_OPENINGS)}
    words = sorted({w for found in telling.values() for w in found})[:MAX_SEARCH_WORDS]
    if not words:
        return []
    members = Organisation.objects.filter(kind__in=MEMBER_KINDS)
    counts = members.aggregate(
        **{f"w{i}": Count("pk", filter=Q(key__contains=w)) for i, w in enumerate(words)}
    )
    count_of = {w: counts[f"w{i}"] for i, w in enumerate(words)}
    chosen = set()
    for found in telling.values():
        if present := [w for w in found if count_of.get(w)]:
            chosen.add(min(present, key=count_of.__getitem__))
    if not chosen:
        return []
    own_first = Case(When(parent_id=getattr(context, "pk", None), then=0), default=1)
    found = members.filter(reduce(or_, (Q(key__contains=w) for w in chosen)))
    return list(found.order_by(own_first, "pk")[:MEMBER_SEARCH_LIMIT])


def _telling_words(key: str) -> list[str]:
    """The words of a member's name that may tell it apart: not its kind, sector or kind of place."""
    words = [
        w
        for w in key.split()
        if len(w) >= 3 and not w.isdigit() and w not in COMMON_WORDS and w not in PLACE_TYPE_WORDS
    ]
    return sorted(words, key=len, reverse=True)[:3]


def _by_issuer_code(code: str) -> Resolution | None:
    units = list(Organisation.objects.filter(issuer_code__iexact=code.strip())[:2])
    if len(units) != 1:
        return None
    unit = final = units[0]
    for _ in range(MAX_CHAIN):
        if final.successor_id is None:
            break
        final = final.successor
    return Resolution(
        organisation=final, matched=unit, confidence=ISSUER_CODE_CONFIDENCE, reason="issuer code"
    )
