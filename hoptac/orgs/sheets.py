"""A spreadsheet someone uploaded, as numbered rows of cell values: an XLSX workbook's first sheet, or a
CSV file (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text", else Windows-1258).

Uploads are untrusted (docs/adr/0007): the size is checked before anything is read, a workbook's zip
directory before it is unpacked, and openpyxl reads it in read-only mode (streamed, through defusedxml).
A run of EMPTY_RUN empty rows ends a sheet's table.
Every problem is a MemberFileError whose message names the file and says what to do.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl
from django.utils.translation import gettext_lazy as _

from hoptac.core.spreadsheets import PackageProblem, xlsx_package_problem
from hoptac.core.text import nfc
from hoptac.core.uploads import KIND_NAMES, content_kind
from hoptac.orgs.errors import MemberFileError

MB = 1024 * 1024
MAX_BYTES = 10 * MB
MAX_ROWS = 50_000
MAX_COLUMNS = 40
# A run of this many empty rows ends the table: sheets are often formatted down to row 1,048,576.
EMPTY_RUN = 1_000
MAX_SCANNED_ROWS = 4 * MAX_ROWS  # empty rows included: the time a hostile sheet can take is bounded
SNIFF_CHARS = 8_192

FILE_EMPTY = _("%(file)s is empty.")
FILE_TOO_LARGE = _("%(file)s is %(size)s, over the %(limit)s limit: split the list into smaller files.")
FILE_OLD_EXCEL = _(
    "%(file)s is an old Excel .xls file or a workbook with a password: open it in Excel, remove the "
    "password if there is one, save it as .xlsx and upload it again."
)
FILE_NOT_WORKBOOK = _(
    "%(file)s is a ZIP package but not an Excel workbook: save the member list from Excel as .xlsx and "
    "upload it again."
)
FILE_DAMAGED = _(
    "%(file)s cannot be opened as an Excel workbook: open it in Excel, save it again and upload it again."
)
FILE_REFUSED = _("%(file)s is refused: it would unpack to far more data than a member list holds.")
FILE_NOT_TEXT = _(
    "%(file)s is neither an Excel workbook nor a readable CSV file: save it from Excel as .xlsx, or as "
    "CSV UTF-8, and upload it again."
)
FILE_HOLDS_OTHER = _(
    "%(file)s is neither an Excel workbook nor a CSV file: it holds %(found)s. Save the list from Excel as "
    ".xlsx, or as CSV UTF-8, and upload it again."
)
FILE_TOO_MANY_ROWS = _("%(file)s has more than %(limit)d rows: split the list into smaller files.")
FILE_NO_SHEET = _("%(file)s has no worksheet.")


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula: its value is only what Excel last computed, so it is not taken."""

    text: str


Cell = str | int | float | bool | date | datetime | Formula | None


def sheet_rows(data: bytes, file_name: str) -> Iterator[tuple[int, list[Cell]]]:
    """(row number as the spreadsheet shows it, cell values) for each non-empty row.

    Raises MemberFileError, also while iterating: a workbook can turn out damaged halfway.
    """
    facts = {"file": file_name}
    if not data:
        raise MemberFileError(FILE_EMPTY % facts)
    if len(data) > MAX_BYTES:
        raise MemberFileError(FILE_TOO_LARGE % {**facts, "size": _size(len(data)), "limit": _size(MAX_BYTES)})
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Excel 97-2003, or any encrypted workbook
        raise MemberFileError(FILE_OLD_EXCEL % facts)
    rows = _workbook_rows(data, file_name) if data.startswith(b"PK\x03\x04") else _csv_rows(data, file_name)
    for count, (number, values) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise MemberFileError(FILE_TOO_MANY_ROWS % {**facts, "limit": MAX_ROWS})
        yield number, values


def _workbook_rows(data: bytes, file_name: str) -> Iterator[tuple[int, list[Cell]]]:
    facts = {"file": file_name}
    _check_package(data, file_name)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises anything from KeyError to its own InvalidFileException
        raise MemberFileError(FILE_DAMAGED % facts) from error
    try:
        if not workbook.worksheets:
            raise MemberFileError(FILE_NO_SHEET % facts)
        # Not the sheet's declared dimension: formatting alone stretches it to row 1,048,576.
        rows = workbook.worksheets[0].iter_rows(min_row=1, max_col=MAX_COLUMNS)
        empty_run = 0
        try:
            for number, cells in enumerate(rows, start=1):
                if number > MAX_SCANNED_ROWS:
                    raise MemberFileError(FILE_TOO_MANY_ROWS % {**facts, "limit": MAX_ROWS})
                values = [Formula(str(c.value)) if c.data_type == "f" else c.value for c in cells]
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    empty_run += 1
                    if empty_run >= EMPTY_RUN:
                        return
                    continue
                empty_run = 0
                yield number, [nfc(v) if isinstance(v, str) else v for v in values]
        except MemberFileError:
            raise
        except Exception as error:
            raise MemberFileError(FILE_DAMAGED % facts) from error
    finally:
        workbook.close()


def _check_package(data: bytes, file_name: str) -> None:
    problem = xlsx_package_problem(data)
    if problem is not None:
        message = {
            PackageProblem.DAMAGED: FILE_DAMAGED,
            PackageProblem.NOT_WORKBOOK: FILE_NOT_WORKBOOK,
            PackageProblem.TOO_BIG: FILE_REFUSED,
        }[problem]
        raise MemberFileError(message % {"file": file_name})


def _csv_rows(data: bytes, file_name: str) -> Iterator[tuple[int, list[Cell]]]:
    # A web page, a PDF or an image decodes as text too: judged by its bytes first.
    if (found := content_kind(data)) not in ("text", "binary"):
        raise MemberFileError(FILE_HOLDS_OTHER % {"file": file_name, "found": KIND_NAMES[found]})
    text = _decoded(data)
    if text is None or "\x00" in text:
        raise MemberFileError(FILE_NOT_TEXT % {"file": file_name})
    try:
        dialect = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if any(cell.strip() for cell in cells):
                yield number, list(cells[:MAX_COLUMNS])
    except csv.Error as error:
        raise MemberFileError(FILE_NOT_TEXT % {"file": file_name}) from error


def _decoded(data: bytes) -> str | None:
    """The text of a CSV file, in NFC; None when it is not text in an encoding we know."""
    # Windows-1258 writes tones as combining marks: NFC joins them to their letters.
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encodings = ("utf-16",) if utf16 else ("utf-8-sig", "cp1258")
    for encoding in encodings:
        try:
            return nfc(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return None


def _size(size: int) -> str:
    return f"{size / MB:.1f} MB"
