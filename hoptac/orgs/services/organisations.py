"""Writes to the organisation registry: one entry point per verb, each in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from hoptac.core.text import nfc, squash_spaces
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.errors import InvalidOrganisation
from hoptac.orgs.models import Alias, Organisation, OrganisationKind, Province
from hoptac.orgs.registry.specs import registry_specs
from hoptac.orgs.selectors import can_manage_members, can_register_units
from hoptac.orgs.services.members import MemberImportReport, members_read, members_save
from hoptac.orgs.services.registry_sync import SyncCount, registry_sync
from hoptac.orgs.tax_codes import tax_code_clean, tax_code_fault

CONTACT_FIELDS = ("tax_code", "address", "commune", "sector", "legal_representative", "phone", "email")
NAME_MISSING = _("A unit needs a name.")
KIND_UNKNOWN = _("%(kind)s is not a kind of unit.")
TAX_CODE_INVALID = _("Tax code %(code)s is not valid: it must be 10 digits with a correct check digit.")
TAX_CODE_TAKEN = _("Tax code %(code)s already belongs to %(owner)s.")


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    name: str,
    parent: Organisation | None = None,
    province: Province | None = None,
    short_name: str = "",
    issuer_code: str = "",
    by,
    **contact_fields: str,
) -> Organisation:
    """Register one unit; `contact_fields` are those of CONTACT_FIELDS (tax_code, address, phone...).
    `by` is the user registering it (an alliance's admin or staff), or None for the system itself
    (setup, the shipped registry)."""
    if by is not None and not can_register_units(by):
        raise PermissionDenied
    unknown = set(contact_fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"organisation_create() got unexpected fields: {', '.join(sorted(unknown))}")
    if kind not in OrganisationKind.values:
        raise InvalidOrganisation(KIND_UNKNOWN % {"kind": kind})
    name = _text(name)
    if not unit_key(name):
        raise InvalidOrganisation(NAME_MISSING)
    fields = {field: _text(value or "") for field, value in contact_fields.items()}
    tax_code = tax_code_clean(fields.pop("tax_code", "")) or None
    if tax_code is not None:
        if tax_code_fault(tax_code) is not None:
            raise InvalidOrganisation(TAX_CODE_INVALID % {"code": tax_code})
        owner = Organisation.objects.filter(tax_code=tax_code).first()
        if owner is not None:
            raise InvalidOrganisation(TAX_CODE_TAKEN % {"code": tax_code, "owner": owner.name})
    organisation = Organisation(
        kind=kind,
        name=name,
        key=unit_key(name),
        short_name=_text(short_name),
        parent=parent,
        province=province,
        issuer_code=_text(issuer_code),
        tax_code=tax_code,
        **fields,
    )
    try:
        organisation.full_clean(validate_unique=False)
    except ValidationError as error:
        raise InvalidOrganisation(" ".join(error.messages)) from error
    organisation.save()
    return organisation


def alias_add(*, organisation: Organisation, name: str, within: Organisation | None = None, by) -> Alias:
    """Remember `name` as another way of writing `organisation`, inside `within` only if given. `by`
    registers units (can_register_units), or is None for the system itself.

    Idempotent on the name's key: a second call with the same key returns the alias already there.
    """
    if by is not None and not can_register_units(by):
        raise PermissionDenied
    name = _text(name)
    key = unit_key(name)
    if not key:
        raise InvalidOrganisation(NAME_MISSING)
    try:
        with transaction.atomic():
            alias, _created = Alias.objects.get_or_create(
                organisation=organisation, key=key, defaults={"name": name, "within": within}
            )
    except IntegrityError:  # the same alias added at the same moment by another request
        alias = Alias.objects.get(organisation=organisation, key=key)
    return alias


@transaction.atomic
def registry_load() -> dict[str, SyncCount]:
    """Create or update the shipped registry (hoptac/orgs/registry/): provinces, alliances, their bodies,
    outside bodies, clusters and aliases. Safe to run again: a second run creates and updates nothing."""
    return registry_sync(registry_specs())


def members_import(
    *, data: bytes, file_name: str, alliance: Organisation, dry_run: bool, by
) -> MemberImportReport:
    """Read a member list (XLSX or CSV) into `alliance`: new tax codes are created, known ones updated.
    `by` is the user importing it (who keeps the alliance's member list), or None for the system (the
    `import_members` command).

    A file with any error saves nothing; a dry run reports the same errors and counts and saves nothing.
    """
    if by is not None and not can_manage_members(by, alliance):
        raise PermissionDenied
    with transaction.atomic():
        report, changes = members_read(data=data, file_name=file_name, alliance=alliance, dry_run=dry_run)
        if not report.errors and not dry_run:
            members_save(changes)
    return report


def _text(value: str) -> str:
    return squash_spaces(nfc(value))
