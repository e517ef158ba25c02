"""A plan's tracking sheet as an Excel workbook, for one user: every activity is in it, and only the
rows that user may report on are unlocked for filling in (the import checks again, whatever the file
says). The sheet is protected without a password: protection keeps honest slips out of the locked and
hidden cells, the signatures (layout.py) catch the rest."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from hoptac.accounts.models import User
from hoptac.core.spreadsheets import cell_write
from hoptac.plans.models import Activity, AssignmentRole, Plan
from hoptac.plans.selectors import plan_activities
from hoptac.plans.standing import STANDING_COLOURS, Standing, with_standing
from hoptac.tracking.selectors import can_report_progress
from hoptac.tracking.sheets.layout import (
    CAPTION_ROW,
    FIRST_ROW,
    HEADER_ROW,
    HELP_ROW,
    META_SHEET,
    META_TOKEN_CELL,
    STATUS_LIST_COLUMN,
    RowKey,
    columns,
    digest,
    header,
    is_digested,
    is_fillable,
    meta_token,
    row_key,
    slot,
    status_labels,
)

WIDTHS = {
    "number": 8,
    "title": 50,
    "time": 18,
    "lead": 24,
    "standing": 16,
    "state": 16,
    "percent": 10,
    "result": 40,
    "completed_on": 14,
    "target": 10,
    "unit": 12,
    "achieved": 10,
}
HEADER_FILL = PatternFill("solid", fgColor="E0E0E0")
OTHERS_FONT = Font(color="757575")  # rows of other units: readable, visibly not to be filled in
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
TINT = 0.8  # how far a standing's colour is mixed with white behind the status cell


def sheet_export(*, plan: Plan, user: User, today: date) -> bytes:
    """The .xlsx of `plan` for `user`, coloured by each activity's standing on `today`. Five queries
    whatever the number of activities."""
    activities = plan_activities(plan)
    standings = dict(with_standing(Activity.objects.filter(plan=plan), today).values_list("pk", "standing"))
    targets = {a.pk: sorted(a.quantities.all(), key=lambda q: q.pk) for a in activities}
    sheet_columns = columns(max((len(t) for t in targets.values()), default=0))
    at = {column: index for index, column in enumerate(sheet_columns, start=1)}
    headers = [header(c) for c in sheet_columns]
    labels = status_labels()
    parents = {a.parent_id for a in activities}

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = _("Tracking")[:31]
    caption = f"{plan.number} {plan.title}".strip()
    workbook.properties.title = caption
    workbook.properties.creator = "hoptac"
    cell_write(sheet, CAPTION_ROW, 1, caption).font = Font(bold=True, size=13)
    exported = today.strftime("%d/%m/%Y")
    help_text = _(
        "Exported on %(date)s. Fill in the white cells of your unit's rows: status, percent done, result, "
        "completed on and what was achieved; grey rows belong to other units. Do not add, delete or move "
        "columns. Then import the file on the plan's tracking sheet page."
    ) % {"date": exported}
    cell_write(sheet, HELP_ROW, 1, help_text).alignment = Alignment(wrap_text=False)
    for index, text in enumerate(headers, start=1):
        cell = cell_write(sheet, HEADER_ROW, index, text)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, WRAP

    for row, activity in enumerate(activities, start=FIRST_ROW):
        quantities = targets[activity.pk]
        standing = Standing(standings[activity.pk])
        values = {
            "number": activity.number,
            "title": activity.title,
            "time": activity.time_text,
            "lead": "; ".join(
                a.organisation.name if a.organisation_id else a.name_as_written
                for a in activity.assignments.all()
                if a.role == AssignmentRole.LEAD
            ),
            "standing": str(standing.label),
            "state": labels[activity.progress_state],
            "percent": activity.percent,
            "result": activity.result,
            "completed_on": activity.completed_on,
        }
        for n, quantity in enumerate(quantities, start=1):
            values[f"target:{n}"] = _number(quantity.value)
            values[f"unit:{n}"] = quantity.unit
            values[f"achieved:{n}"] = _number(quantity.achieved)
        key = RowKey(
            plan_id=plan.pk,
            activity_id=activity.pk,
            version=activity.progress_version,
            quantity_ids=tuple(q.pk for q in quantities),
            digest=digest(values.get(c) for c in sheet_columns if is_digested(c)),
        )
        values.update(activity=activity.pk, version=activity.progress_version, key=row_key(key))
        fillable = can_report_progress(user, activity)
        for column, value in values.items():
            cell = cell_write(sheet, row, at[column], value)
            cell.alignment = WRAP
            if fillable and is_fillable(column):
                cell.protection = UNLOCKED
            elif not fillable:
                cell.font = OTHERS_FONT
        colour = STANDING_COLOURS[standing].lstrip("#").upper()
        mark = sheet.cell(row, at["standing"])
        mark.fill, mark.font = PatternFill("solid", fgColor=colour), Font(color="FFFFFF", bold=True)
        sheet.cell(row, at["state"]).fill = PatternFill("solid", fgColor=_tint(colour))
        sheet.cell(row, at["completed_on"]).number_format = DATE_FORMAT
        title = sheet.cell(row, at["title"])
        title.alignment = Alignment(wrap_text=True, vertical="top", indent=min(2 * activity.depth, 15))
        if activity.pk in parents:
            title.font = Font(bold=True, color=None if fillable else OTHERS_FONT.color)

    last_row = FIRST_ROW + len(activities) - 1
    for column, index in at.items():
        letter = get_column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = WIDTHS.get(slot(column)[0], 12)
        dimension.hidden = column in ("activity", "version", "key")
    if activities:
        _validations(sheet, at, last_row)
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(sheet_columns))}{last_row}"
    sheet.freeze_panes = f"C{FIRST_ROW}"
    # True forbids: columns stay hidden; rows may be resized and the filter used.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.autoFilter = False

    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    meta[META_TOKEN_CELL] = meta_token(plan, sheet_columns, headers)
    for row, label in enumerate(labels.values(), start=1):
        meta[f"{STATUS_LIST_COLUMN}{row}"] = label
    meta.protection.sheet = True

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _validations(sheet, at: dict[str, int], last_row: int) -> None:
    def cells(column: str) -> str:
        letter = get_column_letter(at[column])
        return f"{letter}{FIRST_ROW}:{letter}{last_row}"

    states = len(status_labels())
    status = DataValidation(
        type="list",
        formula1=f"{META_SHEET}!${STATUS_LIST_COLUMN}$1:${STATUS_LIST_COLUMN}${states}",
        allow_blank=False,
        showErrorMessage=True,
        errorTitle=_("Status"),
        error=_("Choose a status from the list."),
    )
    percent = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Percent done"),
        error=_("The percent done is a whole number from 0 to 100."),
    )
    achieved = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Achieved"),
        error=_("What was achieved is a number of 0 or more, in the unit of the target."),
    )
    status.add(cells("state"))
    percent.add(cells("percent"))
    for column in at:
        if slot(column)[0] == "achieved":
            achieved.add(cells(column))
    for validation in (status, percent, achieved):
        if validation.sqref:
            sheet.add_data_validation(validation)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _tint(colour: str) -> str:
    channels = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * TINT):02X}" for c in channels)
