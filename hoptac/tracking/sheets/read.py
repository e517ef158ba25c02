"""An uploaded tracking sheet, read as untrusted (docs/adr/0007): the size is checked before anything is
read, the zip directory before it is unpacked, and openpyxl reads in read-only mode (streamed, through
defusedxml). The sheet must be one hoptac exported for this plan, with its columns where they were.

Every problem with the file as a whole is a TrackingError whose message names the file and says what
to do; the rows are returned as they are, for importing.py to check one by one.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
from django.core import signing
from django.utils.translation import gettext as _

from hoptac.core.spreadsheets import PackageProblem, xlsx_package_problem
from hoptac.core.text import nfc
from hoptac.documents.read.limits import (
    size_text,
)
from hoptac.plans.models import Plan
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.sheets.layout import (
    META_SHEET,
    META_TOKEN_CELL,
    cell_text,
    read_meta_token,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5_000  # a plan has tens or hundreds of activities
# A run of this many empty rows ends the table: sheets are often formatted down to row 1,048,576.
EMPTY_RUN = 200
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula: its value is only what Excel last computed, so it is not taken."""

    text: str


@dataclass
class SheetRow:
    number: int  # as the spreadsheet shows it
    cells: dict[str, object]  # column key → value


def sheet_read(*, data: bytes, file_name: str, plan: Plan) -> list[SheetRow]:
    """The rows of a tracking sheet of `plan`. Raises TrackingError when the file is not one."""
    facts = {"file": file_name}
    if not data:
        raise TrackingError(_("%(file)s is empty.") % facts)
    if len(data) > MAX_BYTES:
        raise TrackingError(
            _("%(file)s is %(size)s, over the %(limit)s a tracking sheet may have.")
            % {**facts, "size": size_text(len(data)), "limit": size_text(MAX_BYTES)}
        )
    if not data.startswith(b"PK\x03\x04"):
        raise TrackingError(
            _(
                "%(file)s is not an Excel workbook (.xlsx): export the plan's tracking sheet, fill it in "
                "and save it as .xlsx."
            )
            % facts
        )
    _check_package(data, file_name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises anything from KeyError to its own InvalidFileException
        raise TrackingError(_damaged(file_name)) from error
    try:
        return _rows(workbook, file_name, plan)
    except TrackingError:
        raise
    except Exception as error:  # a workbook can turn out damaged halfway through
        raise TrackingError(_damaged(file_name)) from error
    finally:
        workbook.close()


def _rows(workbook, file_name: str, plan: Plan) -> list[SheetRow]:
    facts = {"file": file_name}
    not_ours = _(
        "%(file)s is not a tracking sheet exported by hoptac, or its hidden part was changed: export the "
        "plan's tracking sheet again and fill that file in."
    )
    if META_SHEET not in workbook.sheetnames:
        raise TrackingError(not_ours % facts)
    try:
        meta = read_meta_token(str(workbook[META_SHEET][META_TOKEN_CELL].value or ""))
    except signing.BadSignature:
        raise TrackingError(not_ours % facts) from None
    if meta["plan"] != plan.pk:
        raise TrackingError(
            _(
                "%(file)s is the tracking sheet of plan %(other)s, not of this plan (%(this)s): import it "
                "on that plan's page, or export this plan's sheet."
            )
            % {**facts, "other": meta["number"] or "?", "this": plan.number or plan.pk}
        )
    sheet = next(workbook[name] for name in workbook.sheetnames if name != META_SHEET)
    sheet_columns, headers = meta["columns"], [nfc(h) for h in meta["headers"]]
    rows: list[SheetRow] = []
    header_row, empty_run = None, 0
    for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=len(sheet_columns)), start=1):
        values = [Formula(str(c.value)) if c.data_type == "f" else c.value for c in cells]
        values += [None] * (len(sheet_columns) - len(values))
        if header_row is None:
            # Looked for, not assumed at HEADER_ROW: a caption row deleted above it moves nothing else.
            if [cell_text(v) for v in values] == headers:
                header_row = number
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if not any(isinstance(v, Formula) or cell_text(v) for v in values):
            empty_run += 1
            if empty_run >= EMPTY_RUN:
                break
            continue
        empty_run = 0
        if len(rows) >= MAX_ROWS:
            raise TrackingError(
                _("%(file)s has more than %(limit)d rows: it is not a plan's tracking sheet.")
                % {**facts, "limit": MAX_ROWS}
            )
        rows.append(SheetRow(number=number, cells=dict(zip(sheet_columns, values, strict=True))))
    if header_row is None:
        raise TrackingError(
            _(
                "%(file)s has columns added, deleted or moved: its header row is not the one exported. "
                "Fill in the sheet as exported, without changing its columns, and import it again."
            )
            % facts
        )
    return rows


def _check_package(data: bytes, file_name: str) -> None:
    problem = xlsx_package_problem(data)
    if problem == PackageProblem.DAMAGED:
        raise TrackingError(_damaged(file_name))
    if problem == PackageProblem.NOT_WORKBOOK:
        raise TrackingError(
            _("%(file)s is a ZIP package but not an Excel workbook: upload the .xlsx tracking sheet.")
            % {"file": file_name}
        )
    if problem == PackageProblem.TOO_BIG:
        raise TrackingError(
            _("%(file)s is refused: it would unpack to far more data than a tracking sheet holds.")
            % {"file": file_name}
        )


def _damaged(file_name: str) -> str:
    return _(
        "%(file)s cannot be opened as an Excel workbook: open it in Excel, save it again as .xlsx and "
        "import it again."
    ) % {"file": file_name}
