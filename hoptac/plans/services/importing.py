"""Import: a document is read into an Upload, reviewed (every unit name resolved or flagged), then saved
as a plan with its activities and assignments in one transaction."""

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User
from hoptac.core.text import fold, nfc
from hoptac.documents.parse.units import names_no_body
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.orgs.resolver import Resolution, resolve_issuer, resolve_units
from hoptac.orgs.services.organisations import alias_add, organisation_create
from hoptac.plans.copies import find_duplicate, first_copy, plans_by_number, refuse_duplicate
from hoptac.plans.errors import ImportNotReady
from hoptac.plans.models import (
    Activity,
    Assignment,
    AssignmentRole,
    Basis,
    Contact,
    Deadline,
    DocumentKind,
    Plan,
    PlanKind,
    PlanStatus,
    Quantity,
    Recipient,
    Upload,
    is_received_by,
)
from hoptac.plans.reading import document_read, refuse_empty
from hoptac.plans.reading_values import reading_date, reading_decimal, reading_sequence, reading_year
from hoptac.plans.search_text import activity_search_text, plan_search_text
from hoptac.plans.selectors import can_import

# A resolution at least this sure is taken without asking (the batch import, and the review's default).
SURE = 0.9
PASTED_NAME = "van-ban-dan.txt"
NOT_READY = _("This document has already been saved or refused; start a new import.")
NO_ISSUER = _("Choose the organisation that issued the document.")
# A programme is a plan of wider scope; the other kinds (decisions, letters...) are kept as documents.
PLAN_KINDS = {"plan": PlanKind.PLAN, "programme": PlanKind.PLAN, "article": PlanKind.ARTICLE}
# The heading of a task table's people column: the document's word, kept with the names in the
# activity's content (data, like the document's text, not the interface).
PEOPLE_LABEL = "Người thực hiện"


@dataclass(frozen=True)
class UnitDecision:
    """What the reviewer chose for one unit name: a registered unit (optionally remembering the name as
    its alias), a new unit of `create_kind`, or nothing (the name is kept as written, unresolved)."""

    organisation: Organisation | None = None
    add_alias: bool = False
    create_kind: str | None = None


@dataclass(frozen=True)
class ImportReview:
    upload: Upload
    issuer: Resolution
    units: dict[str, Resolution]
    duplicate: Plan | None


def checksum_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload_read(
    *,
    by: User,
    data: bytes | None = None,
    name: str = "",
    text: str = "",
    organisation: Organisation | None = None,
) -> Upload:
    """Read one file (or pasted text) into an Upload waiting for review. An unreadable document raises
    UnreadableDocument and leaves nothing behind.

    The import is made for the user's own alliance: "Văn phòng" in the document is its office. Only
    the system administrator may import for another `organisation`.
    """
    if not can_import(by) or (
        organisation is not None and organisation != by.acts_for and not by.sees_everything
    ):
        raise PermissionDenied
    if data is None:
        text = nfc(text)
        data, name = text.encode("utf-8"), name or PASTED_NAME
    document = refuse_empty(document_read(data=data, name=name), name=name)
    upload = Upload(
        organisation=organisation or by.acts_for or national_alliance(),
        created_by=by,
        name=name,
        checksum=checksum_of(data),
        state=Upload.State.READ,
        reading=document.reading.to_dict(),
        text=document.text,
    )
    upload.file.save(name, ContentFile(data), save=False)
    upload.save()
    return upload


def import_review(*, upload: Upload) -> ImportReview:
    """How the reading's names resolve against the registry, and whether the plan is already in."""
    reading = upload.reading
    on = reading_date(reading.get("date"))
    issuer = resolve_issuer(
        reading["issuer"].get("name") or "",
        parent_name=reading["issuer"].get("parent"),
        issuer_code=reading.get("issuer_code"),
        on=on,
    )
    units = resolve_units(unit_names(reading), context=upload.organisation, on=on)
    issuer_org = issuer.organisation if issuer.organisation is not None else upload.organisation
    return ImportReview(
        upload=upload, issuer=issuer, units=units, duplicate=find_duplicate(upload, issuer_org)
    )


def unit_names(reading: Mapping[str, Any]) -> list[str]:
    """Every unit name the reading assigns or addresses, once each, in document order."""
    names: dict[str, None] = {}
    for activity in _walk(reading.get("activities", ())):
        names.update(dict.fromkeys(activity.get("lead", ())))
        names.update(dict.fromkeys(activity.get("coordinating", ())))
    # The archive line closing the recipients ("Lưu: VT") files a copy: it names no unit.
    names.update(
        dict.fromkeys(r["name"] for r in reading.get("recipients", ()) if not names_no_body(r["name"]))
    )
    return list(names)


def sure_decisions(review: ImportReview) -> dict[str, UnitDecision]:
    """The decisions the batch import takes by itself: only resolutions at least SURE."""
    return {
        name: UnitDecision(organisation=r.organisation if r.confidence >= SURE else None)
        for name, r in review.units.items()
    }


def reading_issuer(review: ImportReview) -> tuple[Organisation | None, str]:
    """The issuer the document names: the registered unit it resolved to, else (None, the name as
    written) to register as an outside body; (None, "") when the document names nobody."""
    if review.issuer.organisation is not None:
        return review.issuer.organisation, ""
    return None, nfc(review.upload.reading["issuer"].get("name") or "").strip()


@transaction.atomic
def upload_confirm(
    *,
    upload: Upload,
    issuer: Organisation | None,
    decisions: Mapping[str, UnitDecision],
    by: User,
    new_issuer_name: str = "",
) -> Plan:
    """Save the reviewed reading as a plan held by the importing alliance (docs/adr/0020): new units
    and aliases first (an issuer not in the registry, given as `new_issuer_name`, becomes an outside
    body), then the plan, its bases, activities, assignments, deadlines, recipients and contacts. A
    document another body issued is saved as a received one. All or nothing."""
    if not can_import(by):
        raise PermissionDenied
    upload = Upload.objects.select_for_update().get(pk=upload.pk)
    if upload.state != Upload.State.READ:
        raise ImportNotReady(NOT_READY)
    if issuer is None and new_issuer_name:
        holder = upload.organisation
        issuer = organisation_create(
            kind=OrganisationKind.OUTSIDE_BODY, name=new_issuer_name, province=holder.province, by=by
        )
    if issuer is None:
        raise ImportNotReady(NO_ISSUER)
    refuse_duplicate(upload, issuer)
    units = _apply_decisions(decisions, context=upload.organisation, by=by)
    plan = _plan_create(upload=upload, issuer=issuer, by=by)
    _children_create(plan=plan, reading=upload.reading, units=units)
    upload.state, upload.plan = Upload.State.SAVED, plan
    upload.save(update_fields=["state", "plan", "updated_at"])
    return plan


def _apply_decisions(
    decisions: Mapping[str, UnitDecision], *, context: Organisation, by: User
) -> dict[str, Organisation]:
    units: dict[str, Organisation] = {}
    for name, decision in decisions.items():
        if decision.create_kind:
            if decision.create_kind not in OrganisationKind.values:
                raise ImportNotReady(gettext("Unknown kind of unit for %(name)s.") % {"name": name})
            units[name] = organisation_create(
                kind=decision.create_kind, name=name, parent=context, province=context.province, by=by
            )
        elif decision.organisation is not None:
            units[name] = decision.organisation
            if decision.add_alias:
                relative = decision.organisation.parent_id == context.pk
                alias_add(
                    by=by, organisation=decision.organisation, name=name, within=context if relative else None
                )
    return units


def _plan_create(*, upload: Upload, issuer: Organisation, by: User) -> Plan:
    reading = upload.reading
    signer = reading.get("signer") or {}
    numbered = bool(reading.get("number")) and reading_sequence(reading.get("sequence")) is not None
    holder = upload.organisation
    plan = Plan(
        issuer=issuer,
        held_by=holder,
        is_received=is_received_by(issuer, holder),
        copy_of=first_copy(upload, issuer),
        issuer_name=reading["issuer"].get("name") or "",
        kind=PLAN_KINDS.get(reading.get("kind"), PlanKind.OTHER),
        document_kind=document_kind(reading),
        number=(reading.get("number") or "")[:100],
        sequence=reading_sequence(reading.get("sequence")),
        type_code=(reading.get("type_code") or "")[:10],
        issuer_code=(reading.get("issuer_code") or "")[:30],
        year=reading_year(reading),
        place=(reading.get("place") or "")[:200],
        issued_on=reading_date(reading.get("date")),
        title=reading.get("title") or upload.name,
        funding=reading.get("funding") or "",
        status=PlanStatus.ISSUED if numbered else PlanStatus.DRAFT,
        signer_authority=signer.get("authority") or "",
        signer_title=signer.get("title") or "",
        signer_name=(signer.get("name") or "")[:200],
        source_name=upload.name,
        checksum=upload.checksum,
        source_text=upload.text,
        created_by=by,
        is_addressed_to_members=any(_names_all_members(r["name"]) for r in reading.get("recipients", ())),
    )
    if upload.file:
        plan.source_file.name = upload.file.name
    plan.search_text = plan_search_text(plan)
    plan.save()
    return plan


def _children_create(*, plan: Plan, reading: Mapping[str, Any], units: Mapping[str, Organisation]) -> None:
    by_number = plans_by_number([b.get("number") for b in reading.get("bases", ())])
    Basis.objects.bulk_create(
        Basis(
            plan=plan,
            position=i,
            number=(b.get("number") or "")[:100],
            issued_on=reading_date(b.get("date")),
            issuer_name=b.get("issuer") or "",
            text=b.get("text") or "",
            implements=by_number.get((b.get("number"), reading_date(b.get("date")))),
        )
        for i, b in enumerate(reading.get("bases", ()))
    )
    _activities_create(plan=plan, activities=reading.get("activities", ()), units=units)
    Deadline.objects.bulk_create(
        Deadline(
            plan=plan,
            due_on=reading_date(d.get("date")),
            text=d.get("text") or "",
            what=d.get("what") or "",
            who=d.get("who") or "",
        )
        for d in reading.get("deadlines", ())
    )
    Recipient.objects.bulk_create(
        Recipient(
            plan=plan,
            position=i,
            name=r["name"],
            purpose=(r.get("purpose") or "")[:200],
            organisation=units.get(r["name"]),
        )
        for i, r in enumerate(reading.get("recipients", ()))
    )
    Contact.objects.bulk_create(
        Contact(
            plan=plan,
            name=(c.get("name") or "")[:200],
            role=c.get("role") or "",
            phones=", ".join(c.get("phones", ())),
            emails=", ".join(c.get("emails", ())),
        )
        for c in reading.get("contacts", ())
    )


def _activities_create(*, plan: Plan, activities, units: Mapping[str, Organisation]) -> None:
    rows: list[tuple[Activity, dict, int | None]] = []  # activity, its reading, index of its parent row

    def add(items, depth: int, parent: int | None) -> None:
        for item in items:
            time = item.get("time") or {}
            activity = Activity(
                plan=plan,
                position=len(rows),
                depth=depth,
                number=(item.get("number") or "")[:20],
                title=item.get("title") or "",
                content=_content(item),
                targets=item.get("targets") or "",
                form=item.get("form") or "",
                location=item.get("location") or "",
                time_text=time.get("text") or "",
                starts_on=reading_date(time.get("start")),
                ends_on=reading_date(time.get("end")),
                precision=time.get("precision") or "",
                is_tentative=bool(time.get("tentative")),
                peak_starts_on=reading_date(time.get("peak_start")),
                peak_ends_on=reading_date(time.get("peak_end")),
                is_deadline=bool(time.get("is_deadline")),
                is_set_by_other=bool(time.get("set_by_other")),
                funding=item.get("funding") or "",
            )
            activity.search_text = activity_search_text(activity)
            rows.append((activity, item, parent))
            add(item.get("children", ()), depth + 1, len(rows) - 1)

    add(activities, 0, None)
    # Parents first: bulk_create fills primary keys on SQLite and PostgreSQL, so one insert per level.
    for depth in sorted({row[0].depth for row in rows}):
        level = [(a, p) for a, _item, p in rows if a.depth == depth]
        for activity, parent in level:
            activity.parent = rows[parent][0] if parent is not None else None
        Activity.objects.bulk_create([a for a, _ in level])
    Quantity.objects.bulk_create(
        Quantity(
            activity=a,
            value=value,
            unit=(q.get("unit") or "")[:200],
            text=q.get("text") or "",
            is_minimum=bool(q.get("at_least")),
        )
        for a, item, _ in rows
        for q in item.get("quantities", ())
        if (value := reading_decimal(q.get("value"))) is not None
    )
    assignments: dict[tuple, Assignment] = {}
    for activity, item, _parent in rows:
        for role, key in ((AssignmentRole.LEAD, "lead"), (AssignmentRole.COORDINATING, "coordinating")):
            for name in item.get(key, ()):
                unit = units.get(name)
                ident = (activity.position, unit.pk if unit else name, role)
                assignments.setdefault(
                    ident, Assignment(activity=activity, organisation=unit, role=role, name_as_written=name)
                )
    Assignment.objects.bulk_create(assignments.values())


def document_kind(reading: Mapping[str, Any]) -> DocumentKind:
    kind = reading.get("kind")
    return DocumentKind(kind) if kind in DocumentKind.values else DocumentKind.UNKNOWN


def _content(item: Mapping[str, Any]) -> str:
    """An activity's content, with the people the document names as doing it on a line of its own."""
    lines = [item.get("content") or ""]
    if item.get("people"):
        lines.append(f"{PEOPLE_LABEL}: {', '.join(item['people'])}")
    return "\n".join(line for line in lines if line)


def _walk(activities) -> Iterator[Mapping[str, Any]]:
    for activity in activities:
        yield activity
        yield from _walk(activity.get("children", ()))


def _names_all_members(name: str) -> bool:
    folded = fold(name)
    return "thanh vien" in folded and any(w in folded.split() for w in ("htx", "hop", "qtdnd", "tht", "dn"))


def national_alliance() -> Organisation:
    return Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE, valid_until__isnull=True)
