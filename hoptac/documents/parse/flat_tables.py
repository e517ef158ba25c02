"""Task tables that a web copy flattened into one cell per line, rebuilt into tables.

    TT / Nội dung / Thời gian / Đơn vị chủ trì / Đơn vị phối hợp      the header, one cell a line
    I / CÔNG TÁC TUYÊN TRUYỀN                                           a group row: numeral and title
    1 / Tổ chức hội nghị ... / Đầu năm 2026 / Văn phòng / Các Ban       a row: its number, then its cells

The header is a run of short lines that each name a column (the first the row number); each row
then opens with its number and takes as many lines as the header has cells, a blank line standing
for an empty cell. The table ends where a line that should open a row does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hoptac.core.text import fold
from hoptac.documents.model import Block, Paragraph, Table
from hoptac.documents.parse.tables import COLUMN_HEADINGS, column_roles

MAX_HEADER_CELL = 80
MAX_ROW_LINES = 12
_DATE_IN = re.compile(r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?|\bnăm\s+\d{4}|\b(?:tháng|quý)\s+\w+")
MIN_COLUMNS, MAX_COLUMNS = 3, 10
MIN_ROWS = 2
MAX_CELL_LINE = 120
_ROW_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
_GROUP_NUMBER = re.compile(r"^(?:[IVX]{1,5}|[A-Z])\.?$")


def unflatten_tables(blocks: Sequence[Block]) -> list[Block]:
    """`blocks` with every flattened task table replaced by a Table: one cell a line, or one row a
    line with its cells separated by tabs (a table copied out of Word)."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Paragraph) and "\t" in block.text and (tabbed := _tab_rows(blocks, index)):
            rows, index = tabbed
            out.append(Table(rows))
            continue
        short = isinstance(block, Paragraph) and 0 < len(block.text) <= 14
        header = _header(blocks, index) if short else None
        if header:
            width, after = len(header), _header_end(blocks, index, len(header))
            rows, end = _rows(blocks, after, width)
            if len(rows) < MIN_ROWS:
                rows, end = _numbered_rows(blocks, after, width)
            if len(rows) >= MIN_ROWS:
                out.append(Table((header, *rows)))
                index = end
                continue
        out.append(blocks[index])
        index += 1
    return out


def _tab_rows(blocks: Sequence[Block], start: int) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """The rows of a tab-separated task table whose header starts at `start`, and where it ends."""
    header = tuple(cell.strip() for cell in blocks[start].text.strip("\r\n").split("\t"))
    if not MIN_COLUMNS <= len(header) <= MAX_COLUMNS:
        return None
    roles = column_roles(header)
    if "title" not in roles or not set(roles) & {"time", "lead", "coordinating"}:
        return None
    rows = [header]
    index = start + 1
    while index < len(blocks) and isinstance(blocks[index], Paragraph):
        text = blocks[index].text
        if "\t" not in text:
            # "(hỗ trợ tiền ăn, đi lại)": a cell's second line, when the table goes on after it
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            goes_on = isinstance(following, Paragraph) and "\t" in following.text
            if not (goes_on and text.strip() and len(text) <= MAX_CELL_LINE and len(rows) > 1):
                break
            last = list(rows[-1])
            filled = max((i for i, cell in enumerate(last) if cell), default=0)  # the cell it goes on
            last[filled] = f"{last[filled]} {text.strip()}".strip()
            rows[-1] = tuple(last)
            index += 1
            continue
        cells = [cell.strip() for cell in text.split("\t")]
        rows.append(tuple((cells + [""] * len(header))[: len(header)]))
        index += 1
    return (tuple(rows), index) if len(rows) > MIN_ROWS else None


def _text(block: Block) -> str:
    return block.text.strip() if isinstance(block, Paragraph) else ""


def _header(blocks: Sequence[Block], start: int) -> tuple[str, ...] | None:
    """The header cells starting at `start` (blank lines between cells skipped), or None when no
    flattened header starts there."""
    first = _text(blocks[start])
    if not first or len(first) > 12 or fold(first).strip(" .:") not in COLUMN_HEADINGS["number"]:
        return None  # a flattened header opens with the row-number column ("TT", "STT")
    cells: list[str] = []
    for block in blocks[start : start + 2 * MAX_COLUMNS]:
        text = _text(block)
        if not isinstance(block, Paragraph) or len(text) > MAX_HEADER_CELL:
            break
        if _ROW_NUMBER.match(text) or _GROUP_NUMBER.match(text):
            break
        if text:
            cells.append(text)
    while len(cells) >= MIN_COLUMNS:
        roles = column_roles(cells)
        if roles[0] == "number" and "title" in roles and all(roles):
            return tuple(cells)
        cells.pop()
    return None


def _header_end(blocks: Sequence[Block], start: int, width: int) -> int:
    """The index after the header's last cell (its cells may have blank lines between them)."""
    seen = 0
    for index in range(start, len(blocks)):
        if _text(blocks[index]):
            seen += 1
            if seen == width:
                return index + 1
    return len(blocks)


def _numbered_rows(blocks: Sequence[Block], start: int, width: int) -> tuple[list[tuple[str, ...]], int]:
    """Rows that each open with the next number ("1", "2", ...) and hold as many lines as they need
    (a cell of two paragraphs, empty cells left out): the first line is the content, the last one
    the last column when it has a date in it, the lines between go on with the content."""
    rows: list[tuple[str, ...]] = []
    index, expected = start, 1
    lines: list[str] = []
    while index < len(blocks) and isinstance(blocks[index], Paragraph):
        text = _text(blocks[index])
        if text == str(expected) or (not rows and not lines and text == "1"):
            if lines:
                rows.append(_numbered_row(expected - 1, lines, width))
            lines, expected = [], expected + 1
        elif text:
            if expected == 1 or len(lines) >= MAX_ROW_LINES:
                break
            lines.append(text)
        index += 1
    if lines:
        rows.append(_numbered_row(expected - 1, lines, width))
    return rows, index


def _numbered_row(number: int, lines: list[str], width: int) -> tuple[str, ...]:
    cells = [str(number), lines[0]]
    last = lines[-1] if len(lines) > 1 and _DATE_IN.search(lines[-1]) else None
    middle = lines[1:-1] if last else lines[1:]
    cells += [""] * (width - 2)
    if last:
        cells[-1] = last
    if middle and width > 3:
        cells[2] = " ".join(middle) if len(cells) > 3 else cells[2]
    return tuple(cells[:width])


def _rows(blocks: Sequence[Block], start: int, width: int) -> tuple[list[tuple[str, ...]], int]:
    rows: list[tuple[str, ...]] = []
    index = start
    while index < len(blocks):
        while index < len(blocks) and isinstance(blocks[index], Paragraph) and not _text(blocks[index]):
            index += 1  # blank lines between rows
        if index >= len(blocks) or not isinstance(blocks[index], Paragraph):
            break
        number = _text(blocks[index])
        if _GROUP_NUMBER.match(number) and index + 1 < len(blocks) and _text(blocks[index + 1]):
            rows.append((number, _text(blocks[index + 1]), *([""] * (width - 2))))
            index += 2
            continue
        cells = [_text(b) for b in blocks[index + 1 : index + width]]
        if not _ROW_NUMBER.match(number) or len(cells) < width - 1 or not cells[0]:
            break
        if any(_ROW_NUMBER.match(cell) for cell in cells[1:2]):
            break  # a row number where its title or first cell should be: this is not a table
        rows.append((number, *cells))
        index += width
    return rows, index
