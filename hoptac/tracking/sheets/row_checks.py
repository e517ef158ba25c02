"""One row of an uploaded tracking sheet checked without writing: its hidden identification against
the plan and the activity's version, and its filled-in cells read as a progress report.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core import signing
from django.utils.translation import gettext as _

from hoptac.accounts.models import User
from hoptac.plans.models import Activity, Plan
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.selectors import can_report_progress
from hoptac.tracking.services.progress import ProgressReport, parse_amount, parse_percent
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
from hoptac.tracking.sheets.outcomes import Outcome, PendingRow, RowOutcome
from hoptac.tracking.sheets.read import Formula, SheetRow

DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
AMOUNT_WITH_UNIT = re.compile(r"^\s*([+-]?\d(?:[\d.,\s]*\d)?)\s*(.*)$")


def sorted_row(
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
