"""A filled-in tracking sheet back into the system: a dry run that shows each row's change, then the
confirmed import, both through progress_report (the one way progress is written, with its permission,
validation and version checks).

Each row is one of:
- untouched (its fillable cells are as exported): nothing to do, only counted;
- an error (hidden cells edited, a row of another plan, the same activity twice, a status not in the
  list, a percent outside 0-100, a quantity in another unit...): any error blocks the whole import;
- skipped, and listed with the reason: the activity was removed from the plan, is not the user's to
  report on, or someone reported on it in the system after the export (its version moved on: a newer
  change is never overwritten);
- no change (touched, but the values are the system's);
- a change, shown old → new.

The dry run sends each changed row through progress_report inside a transaction it then rolls back,
so what it shows is what the import will store ("done" sets 100%, a percent above 0 starts the
activity...). The rows to apply travel to the confirm step in a token signed for this user and this
plan (django.core.signing, at most CONFIRM_MAX_AGE_S old): nothing is kept on the server, and replaying
the token is harmless, since every row names the version it was checked at. The confirmed import
applies every row in one transaction: if any row fails then (someone reported on it since the dry run),
nothing is applied, and the page says which row and why.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoptac.accounts.models import User
from hoptac.plans.models import Activity, Plan, Quantity
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.selectors import can_report_progress, lead_assignments
from hoptac.tracking.services import ProgressReport, parse_amount, parse_percent, progress_report
from hoptac.tracking.sheets.layout import (
    RowKey,
    cell_text,
    digest,
    header,
    is_digested,
    is_fillable,
    read_row_key,
    slot,
    status_labels,
    status_of,
)
from hoptac.tracking.sheets.read import Formula, SheetRow, sheet_read

CONFIRM_MAX_AGE_S = 3600
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
AMOUNT_WITH_UNIT = re.compile(r"^\s*([+-]?\d(?:[\d.,\s]*\d)?)\s*(.*)$")

NOTHING_SAVED = gettext_lazy(
    "Nothing was imported: the rows below could not be applied as they were checked. Upload the file "
    "again to see the rows as they stand now."
)


class Outcome(models.TextChoices):
    CHANGE = "change", gettext_lazy("to be changed")
    UNCHANGED = "unchanged", gettext_lazy("no change")
    ERROR = "error", gettext_lazy("error")
    CONFLICT = "conflict", gettext_lazy("changed in the system since the export: not applied")
    NOT_YOURS = "not_yours", gettext_lazy("not yours to report on: not applied")
    REMOVED = "removed", gettext_lazy("no longer in the plan: not applied")


SKIPPED = (Outcome.CONFLICT, Outcome.NOT_YOURS, Outcome.REMOVED)


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowOutcome:
    row: int
    activity: str
    outcome: str
    messages: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(Outcome(self.outcome).label)


@dataclass
class SheetCheck:
    """What importing a sheet would do (a dry run), or did. Any error means nothing was saved."""

    file_name: str
    applied: bool = False
    errors: list[str] = field(default_factory=list)  # about the file, or the import, as a whole
    rows: list[RowOutcome] = field(default_factory=list)
    untouched: int = 0
    token: str = ""

    def _of(self, *outcomes: str) -> list[RowOutcome]:
        return [r for r in self.rows if r.outcome in outcomes]

    @property
    def changed(self) -> list[RowOutcome]:
        return self._of(Outcome.CHANGE)

    @property
    def row_errors(self) -> list[RowOutcome]:
        return self._of(Outcome.ERROR)

    @property
    def skipped(self) -> list[RowOutcome]:
        return self._of(*SKIPPED)

    @property
    def unchanged(self) -> int:
        return self.untouched + len(self._of(Outcome.UNCHANGED))

    @property
    def can_confirm(self) -> bool:
        return not self.applied and not self.errors and not self.row_errors and bool(self.changed)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, facts: dict) -> SheetCheck:
        rows = [
            RowOutcome(**{**r, "changes": [Change(**c) for c in r["changes"]]}) for r in facts.pop("rows")
        ]
        return cls(**facts, rows=rows)


@dataclass
class PendingRow:
    row: int
    activity_id: int
    version: int
    report: ProgressReport


def sheet_check(*, plan: Plan, user: User, data: bytes, file_name: str) -> SheetCheck:
    """The dry run: read the sheet, check every row, and work out each change. Saves nothing."""
    check = SheetCheck(file_name=file_name)
    try:
        rows = sheet_read(data=data, file_name=file_name, plan=plan)
    except TrackingError as error:
        check.errors.append(str(error))
        return check
    if not rows:
        check.errors.append(_("%(file)s has no activity rows.") % {"file": file_name})
        return check
    activities = {a.pk: a for a in plan.activities.prefetch_related(lead_assignments(), "quantities")}
    first_row_of: dict[int, int] = {}
    pending: list[PendingRow] = []
    for row in rows:
        outcome = _sorted_row(row, plan, user, activities, first_row_of, file_name)
        if isinstance(outcome, PendingRow):
            pending.append(outcome)
        elif outcome is None:
            check.untouched += 1
        else:
            check.rows.append(outcome)
    if pending:
        with transaction.atomic():
            check.rows += _run(plan=plan, user=user, pending=pending)
            transaction.set_rollback(True)
    check.rows.sort(key=lambda r: r.row)
    if check.can_confirm:
        changed = {r.row for r in check.changed}
        facts = {"file": file_name, "rows": [_pending_json(p) for p in pending if p.row in changed]}
        check.token = signing.dumps(facts, salt=_confirm_salt(user, plan), compress=True)
    return check


def sheet_apply(*, plan: Plan, user: User, token: str) -> SheetCheck:
    """Apply the changes a dry run found, all in one transaction, or none of them."""
    try:
        facts = signing.loads(token, salt=_confirm_salt(user, plan), max_age=CONFIRM_MAX_AGE_S)
    except signing.SignatureExpired:
        check = SheetCheck(file_name="")
        check.errors.append(_("The check is more than an hour old: upload the file again."))
        return check
    except signing.BadSignature:
        check = SheetCheck(file_name="")
        check.errors.append(_("The check could not be verified: upload the file again."))
        return check
    check = SheetCheck(file_name=facts["file"])
    pending = [_pending_from(p) for p in facts["rows"]]
    try:
        with transaction.atomic():
            outcomes = _run(plan=plan, user=user, pending=pending)
            if any(o.outcome == Outcome.ERROR for o in outcomes):
                raise _Refused(outcomes)
    except _Refused as refused:
        check.errors.append(str(NOTHING_SAVED))
        check.rows = [o for o in refused.outcomes if o.outcome == Outcome.ERROR]
        return check
    check.applied = True
    check.rows = outcomes
    return check


class _Refused(Exception):
    def __init__(self, outcomes: list[RowOutcome]):
        super().__init__()
        self.outcomes = outcomes


def _sorted_row(
    row: SheetRow,
    plan: Plan,
    user: User,
    activities: dict[int, Activity],
    first_row_of: dict[int, int],
    file_name: str,
) -> RowOutcome | PendingRow | None:
    """The row's outcome when it is settled without writing; a PendingRow for progress_report; None
    when the row is as exported."""
    cells = row.cells
    written = f"{cell_text(cells['number'])} {cell_text(cells['title'])}".strip()

    def outcome(kind: str, message: str) -> RowOutcome:
        return RowOutcome(row=row.number, activity=written, outcome=kind, messages=[message])

    facts = {"row": row.number}
    hidden = [cells["activity"], cells["version"], cells["key"]]
    if not any(cell_text(v) for v in hidden):
        return outcome(
            Outcome.ERROR,
            _(
                "Row %(row)d is not a row of the exported sheet: activities are added to the plan in the "
                "system, not in the sheet."
            )
            % facts,
        )
    try:
        key = read_row_key(cell_text(cells["key"]))
    except (signing.BadSignature, ValueError):
        key = None
    edited = _(
        "Row %(row)d: its hidden identification (activity id, version or key) was changed. Copy what you "
        "filled in into a newly exported sheet and import that one."
    )
    if key is None or [cell_text(cells["activity"]), cell_text(cells["version"])] != [
        str(key.activity_id),
        str(key.version),
    ]:
        return outcome(Outcome.ERROR, edited % facts)
    if key.plan_id != plan.pk:
        return outcome(Outcome.ERROR, _("Row %(row)d was copied from the sheet of another plan.") % facts)
    if key.activity_id in first_row_of:
        return outcome(
            Outcome.ERROR,
            _("Row %(row)d is the same activity as row %(first)d: keep one of them.")
            % {**facts, "first": first_row_of[key.activity_id]},
        )
    first_row_of[key.activity_id] = row.number
    if digest(cells.get(c) for c in cells if is_digested(c)) == key.digest:
        return None
    activity = activities.get(key.activity_id)
    if activity is None:
        return outcome(
            Outcome.REMOVED,
            _("Row %(row)d: this activity was removed from the plan after the export.") % facts,
        )
    written = str(activity)
    if not can_report_progress(user, activity):
        return outcome(
            Outcome.NOT_YOURS,
            _(
                "Row %(row)d: only the lead unit and the plan's editors report on this activity; your "
                "row was not applied."
            )
            % facts,
        )
    if activity.progress_version != key.version:
        state = status_labels()[activity.progress_state]
        return outcome(
            Outcome.CONFLICT,
            _(
                "Row %(row)d: someone reported on this activity in the system after the export (now "
                "%(state)s, %(percent)d%%); your row was not applied, so as not to overwrite the newer "
                "report. Export the sheet again to see it."
            )
            % {**facts, "state": state, "percent": activity.percent},
        )
    report, errors = _report(row, key)
    if report is not None:
        # The activity's history says where the report came from.
        report.note = _("From the tracking sheet %(file)s, row %(row)d.") % {**facts, "file": file_name}
    if errors:
        return RowOutcome(row=row.number, activity=written, outcome=Outcome.ERROR, messages=errors)
    return PendingRow(row=row.number, activity_id=activity.pk, version=key.version, report=report)


def _report(row: SheetRow, key: RowKey) -> tuple[ProgressReport | None, list[str]]:
    """The row as a progress report, or the messages of what is wrong with it."""
    cells, errors = row.cells, []

    def error(message) -> None:
        errors.append(_("Row %(row)d: %(message)s") % {"row": row.number, "message": message})

    formulas = [c for c in cells if is_fillable(c) and isinstance(cells[c], Formula)]
    for column in formulas:
        error(_("the %(column)s cell holds a formula: type the value itself.") % {"column": header(column)})
    if formulas:
        return None, errors
    state = status_of(cell_text(cells["state"]))
    if state is None:
        choices = ", ".join(f"“{label}”" for label in status_labels().values())
        written = cell_text(cells["state"])
        if written:
            error(
                _("“%(value)s” is not a status: choose one of %(choices)s.")
                % {"value": written, "choices": choices}
            )
        else:
            error(_("the status is empty: choose one of %(choices)s.") % {"choices": choices})
    percent = completed_on = None
    try:
        percent = parse_percent(cells["percent"])
    except TrackingError as problem:
        error(problem)
    try:
        completed_on = _date(cells["completed_on"])
    except TrackingError as problem:
        error(problem)
    quantities, units = {}, {}
    for column, value in cells.items():
        kind, n = slot(column)
        if kind != "achieved" or not cell_text(value):
            continue
        if n > len(key.quantity_ids):
            error(_("%(column)s: this activity has no target there.") % {"column": header(column)})
            continue
        quantity_id = key.quantity_ids[n - 1]
        amount, typed_unit = _amount_and_unit(value)
        try:
            quantities[quantity_id] = parse_amount(amount)
        except TrackingError as problem:
            error(f"{header(column)}: {problem}")
        units[quantity_id] = typed_unit or cell_text(cells.get(f"unit:{n}"))
    if errors:
        return None, errors
    report = ProgressReport(
        state=state,
        percent=percent,
        result=cell_text(cells["result"]),
        completed_on=completed_on,
        quantities=quantities,
        units=units,
    )
    return report, []


def _run(*, plan: Plan, user: User, pending: list[PendingRow]) -> list[RowOutcome]:
    """Send each row through progress_report, in the caller's transaction, and compare before and after."""
    activities = plan.activities.filter(pk__in=[p.activity_id for p in pending])
    loaded = {a.pk: a for a in activities.prefetch_related(lead_assignments(), "quantities")}
    outcomes = []
    for item in pending:
        activity = loaded.get(item.activity_id)
        if activity is None:
            message = _("Row %(row)d: this activity was removed from the plan after the export.")
            outcomes.append(RowOutcome(item.row, "", Outcome.ERROR, messages=[message % {"row": item.row}]))
            continue
        targets = {q.pk: q for q in activity.quantities.all()}
        try:
            with transaction.atomic():
                updated = progress_report(
                    activity=activity, version=item.version, by=user, report=item.report
                )
                achieved = dict(Quantity.objects.filter(activity=updated).values_list("pk", "achieved"))
        except (TrackingError, PermissionDenied) as problem:
            reason = (
                problem if isinstance(problem, TrackingError) else _("you may not report on this activity.")
            )
            message = _("Row %(row)d: %(message)s") % {"row": item.row, "message": reason}
            outcomes.append(RowOutcome(item.row, str(activity), Outcome.ERROR, messages=[message]))
            continue
        changes = _changes(activity, updated, targets, achieved)
        kind = Outcome.CHANGE if changes else Outcome.UNCHANGED
        outcomes.append(RowOutcome(item.row, str(activity), kind, changes=changes))
    return outcomes


def _changes(
    before: Activity, after: Activity, targets: dict[int, Quantity], achieved: dict[int, Decimal | None]
) -> list[Change]:
    labels = status_labels()
    shown = [
        (_("Status"), labels[before.progress_state], labels[after.progress_state]),
        (_("Percent done"), f"{before.percent}%", f"{after.percent}%"),
        (_("Result"), before.result, after.result),
        (_("Completed on"), _date_text(before.completed_on), _date_text(after.completed_on)),
    ]
    for pk, target in sorted(targets.items()):
        written = target.text or f"{cell_text(target.value)} {target.unit}"
        label = _("Achieved (target %(target)s)") % {"target": written}
        shown.append((label, _amount_text(target.achieved), _amount_text(achieved.get(pk))))
    return [Change(str(label), old or "—", new or "—") for label, old, new in shown if old != new]


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise TrackingError(_("“%(value)s” is not a date: write it as dd/mm/yyyy.") % {"value": text})


def _amount_and_unit(value) -> tuple[object, str]:
    """("150", "người") for "150 người"; a number cell as it is, with no unit."""
    if not isinstance(value, str):
        return value, ""
    match = AMOUNT_WITH_UNIT.match(value)
    if match is None:
        return value, ""
    return match[1], cell_text(match[2])


def _amount_text(value: Decimal | None) -> str:
    return "" if value is None else cell_text(value)


def _date_text(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def _confirm_salt(user: User, plan: Plan) -> str:
    return f"hoptac.tracking.sheet.confirm:{user.pk}:{plan.pk}"


def _pending_json(item: PendingRow) -> dict:
    report = item.report
    return {
        "row": item.row,
        "activity": item.activity_id,
        "version": item.version,
        "state": report.state,
        "percent": report.percent,
        "result": report.result,
        "note": report.note,
        "completed_on": report.completed_on.isoformat() if report.completed_on else None,
        "quantities": {str(pk): str(value) for pk, value in report.quantities.items()},
        "units": {str(pk): unit for pk, unit in report.units.items()},
    }


def _pending_from(facts: dict) -> PendingRow:
    completed_on = facts["completed_on"]
    report = ProgressReport(
        state=facts["state"],
        percent=facts["percent"],
        result=facts["result"],
        note=facts["note"],
        completed_on=date.fromisoformat(completed_on) if completed_on else None,
        quantities={int(pk): Decimal(value) for pk, value in facts["quantities"].items()},
        units={int(pk): unit for pk, unit in facts["units"].items()},
    )
    return PendingRow(
        row=facts["row"], activity_id=facts["activity"], version=facts["version"], report=report
    )
