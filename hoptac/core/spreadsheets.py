"""Spreadsheets in and out. In: what an uploaded .xlsx must be before openpyxl may open it
(docs/adr/0007): a ZIP package whose directory says it holds a workbook and would not unpack to far more
than a spreadsheet holds. Shared by the member import (orgs/sheets.py) and the tracking sheet
(tracking/sheets/read.py), which each word the refusal for their own file. Out: `cell_write`, through
which every workbook hoptac writes puts its values, so that user text is never a live formula."""

import io
import zipfile
import zlib
from enum import Enum
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from hoptac.core.zip_limits import MAX_UNPACKED_BYTES, MAX_ZIP_MEMBERS, MAX_ZIP_RATIO, ZIP_RATIO_FLOOR


class PackageProblem(Enum):
    DAMAGED = "damaged"  # not a ZIP package, or a broken one
    NOT_WORKBOOK = "not_workbook"  # a ZIP package, but no xl/workbook.xml
    TOO_BIG = "too_big"  # too many members, too much unpacked, or a member compressed like a bomb


def xlsx_package_problem(data: bytes) -> PackageProblem | None:
    """None when `data` may be opened as a workbook; else what is wrong, read from the ZIP directory
    only (nothing is unpacked)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return PackageProblem.DAMAGED
    if not any(info.filename == "xl/workbook.xml" for info in infos):
        return PackageProblem.NOT_WORKBOOK
    too_big = len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES
    bomb = any(
        i.file_size > ZIP_RATIO_FLOOR and i.file_size / max(i.compress_size, 1) > MAX_ZIP_RATIO for i in infos
    )
    return PackageProblem.TOO_BIG if too_big or bomb else None


# What makes Excel, LibreOffice or Google Sheets take typed text as a formula (OWASP "CSV injection"):
# a first character among these, also after leading spaces, or a tab or carriage return in front.
FORMULA_TRIGGERS = ("=", "+", "-", "@")


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could run `text` as a formula if it were typed or pasted into a cell.
    >>> is_formula_like(" =HYPERLINK(1)"), is_formula_like("Kế hoạch 90")
    (True, False)
    """
    return text[:1] in ("\t", "\r") or text.lstrip()[:1] in FORMULA_TRIGGERS


def cell_write(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Write `value` into a cell as what it is: a string is always a string (openpyxl would store one
    beginning with "=" as a formula), and one that looks like a formula gets Excel's quote prefix, so that
    editing the cell keeps it text. It reads back unchanged with openpyxl."""
    cell = sheet.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell
