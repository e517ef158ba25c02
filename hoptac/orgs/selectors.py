"""Reads of the organisation registry."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from hoptac.core.search import full_text_filter
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import ALLIANCE_KINDS, MEMBER_KINDS, Organisation


def alliance_named(text: str) -> Organisation | None:
    """The alliance whose name, global alias or key is exactly `text` (a current one before a former one)."""
    key = unit_key(text)
    if not key:
        return None
    named = Q(key=key) | Q(aliases__key=key, aliases__within__isnull=True)
    alliances = Organisation.objects.filter(named, kind__in=ALLIANCE_KINDS).distinct()
    # Ascending, NULL (still in force) sorts first on SQLite and last on PostgreSQL: say it.
    return alliances.order_by(F("valid_until").asc(nulls_first=True), "pk").first()


def organisations_matching(
    *, user, text: str = "", kind: str | None = None, is_current: bool = True
) -> QuerySet[Organisation]:
    """The units `user` may look up whose key holds every word of `text` (as word prefixes), with the
    province a list shows."""
    units = organisations_visible_to(user).select_related("province").order_by("kind", "name", "pk")
    if text.strip():
        units = full_text_filter(units, unit_key(text), column="key")
    if kind:
        units = units.filter(kind=kind)
    if is_current:
        units = units.filter(valid_until__isnull=True)
    return units


def nearest_first(units: QuerySet[Organisation], *, near: Organisation | None) -> QuerySet[Organisation]:
    """`units` in the order someone working for `near` (an alliance, or a member) looks for them: the
    alliance with its departments and bodies, then its members and the other units of its province
    (its party committee, its departments of state), then the rest; by name within each."""
    if near is None:
        return units.order_by("name", "pk")
    alliance_id = near.parent_id if near.kind in MEMBER_KINDS else near.pk
    tiers = [When(Q(pk=alliance_id) | (Q(parent_id=alliance_id) & ~Q(kind__in=MEMBER_KINDS)), then=Value(0))]
    tiers.append(When(parent_id=alliance_id, then=Value(1)))
    if near.province_id is not None:
        tiers.append(When(province_id=near.province_id, then=Value(1)))
    nearness = Case(*tiers, default=Value(2), output_field=IntegerField())
    return units.annotate(nearness=nearness).order_by("nearness", "name", "pk")


def units_named(*, user, names: Iterable[str]) -> dict[str, list[Organisation]]:
    """The current units `user` may look up whose key is that of one of `names`, nearest first (see
    `nearest_first`), by key: one query for a whole form of typed names."""
    keys = {unit_key(name) for name in names} - {""}
    if not keys:
        return {}
    units = current_units_visible_to(user).filter(key__in=keys)
    found: dict[str, list[Organisation]] = {}
    for unit in nearest_first(units, near=user.acts_for):
        found.setdefault(unit.key, []).append(unit)
    return found


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Units `user` may look up: the registry, but member organisations only of the user's own
    alliance (all of them for whoever sees everything). Scoping rules: docs/adr/0010."""
    units = Organisation.objects.select_related("parent")
    if user.sees_everything:
        return units
    unit = user.acts_for
    own = unit.pk if unit is not None else None
    alliance = unit.parent_id if unit is not None and unit.kind in MEMBER_KINDS else own
    return units.filter(~Q(kind__in=MEMBER_KINDS) | Q(parent_id=alliance) | Q(pk=own))


def current_units_visible_to(user) -> QuerySet[Organisation]:
    """The units `user` may look up that exist today (not merged away or dissolved): those a form or
    the API lets them choose."""
    return organisations_visible_to(user).filter(valid_until__isnull=True)


def access_organisation(*, user, organisation_id: int) -> Organisation:
    """A unit `user` may look up, merged and dissolved ones included, with what its page shows; a member
    organisation of another alliance is a 404."""
    units = organisations_visible_to(user).select_related("province", "successor")
    return get_object_or_404(units, pk=organisation_id)


def organisation_members(unit: Organisation, *, query: str = "") -> QuerySet[Organisation]:
    """The member organisations of an alliance, by name; `query` narrows them (case and diacritics
    ignored, abbreviations such as HTX understood)."""
    members = Organisation.objects.filter(parent=unit, kind__in=MEMBER_KINDS).order_by("name", "pk")
    if query.strip():
        members = full_text_filter(members, unit_key(query), column="key")
    return members.only("pk", "name", "kind", "tax_code", "commune", "phone", "legal_representative")


def can_register_units(user) -> bool:
    """An alliance's admins and staff register units (new ones named in a document they import); the
    system admin too."""
    if user.is_system_admin:
        return True
    return user.acts_for is not None and user.role in ("alliance_admin", "alliance_staff")


def can_manage_members(user, unit: Organisation) -> bool:
    """The alliance's admins and staff keep its member list; the system admin keeps all."""
    if user.is_system_admin:
        return unit.kind in ALLIANCE_KINDS
    own = user.acts_for
    return own is not None and own.pk == unit.pk and user.role in ("alliance_admin", "alliance_staff")
