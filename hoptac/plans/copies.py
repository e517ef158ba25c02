"""One document, many registers (docs/adr/0020): the same document imported again by its holder is
refused; imported by another holder it is a copy, linked to the first one in the system."""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoptac.orgs.models import Organisation
from hoptac.plans.errors import DuplicatePlan
from hoptac.plans.models import Plan, Upload
from hoptac.plans.reading_values import reading_date, reading_sequence, reading_year

SAME_FILE = _("This file was already imported as plan %(plan)s.")
SAME_NUMBER = _("Plan %(plan)s of the same issuer with the same number and date is already in the system.")
NUMBER_TAKEN = _("Number %(number)s is already used by plan %(plan)s of the same issuer in %(year)s.")


def same_document(upload: Upload, issuer: Organisation | None) -> Q:
    """Plans holding the upload's document: the same bytes, or the same issuer, number and date."""
    same = Q(checksum=upload.checksum)
    reading = upload.reading
    if issuer is not None and reading.get("number") and reading.get("date"):
        same |= Q(issuer=issuer, number=reading["number"], issued_on=reading_date(reading["date"]))
    return same


def find_duplicate(upload: Upload, issuer: Organisation | None) -> Plan | None:
    """The copy of the upload's document already in the importing holder's register, if any."""
    held = Plan.objects.filter(held_by=upload.organisation)
    return held.filter(same_document(upload, issuer)).order_by("pk").first()


def first_copy(upload: Upload, issuer: Organisation) -> Plan | None:
    """The document's copy in another register, the issuer's own first: what a new copy links to."""
    others = Plan.objects.filter(same_document(upload, issuer)).exclude(held_by=upload.organisation)
    return others.order_by("is_received", "pk").first()


def refuse_duplicate(upload: Upload, issuer: Organisation) -> None:
    """Raise DuplicatePlan when the holder already has the document, or its number for another one."""
    duplicate = find_duplicate(upload, issuer)
    if duplicate is not None:
        message = SAME_FILE if duplicate.checksum == upload.checksum else SAME_NUMBER
        raise DuplicatePlan(message % {"plan": duplicate.number or duplicate.title[:80]})
    reading = upload.reading
    sequence, year = reading_sequence(reading.get("sequence")), reading_year(reading)
    if sequence is None or year is None:
        return
    taken = Plan.objects.filter(
        held_by=upload.organisation,
        issuer=issuer,
        type_code=reading.get("type_code") or "",
        year=year,
        sequence=sequence,
    ).first()
    if taken is not None:
        raise DuplicatePlan(NUMBER_TAKEN % {"number": sequence, "plan": taken.number, "year": year})


def plans_by_number(numbers: Iterable[str | None]) -> dict[tuple[str, date | None], Plan]:
    """The plans a document's bases name, by number and date: an issuer's own copy before a received one."""
    wanted = [n for n in numbers if n]
    if not wanted:
        return {}
    found: dict[tuple[str, date | None], Plan] = {}
    for plan in Plan.objects.filter(number__in=wanted).order_by("-is_received", "-pk"):
        found[(plan.number, plan.issued_on)] = plan  # the last written wins: own copies, oldest first
    return found
