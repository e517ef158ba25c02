"""Blocks from a reader → clean lines, with task tables kept whole.

Text copied from portals carries markdown (`**...**`, `*...*`), bullets ("•"), stray spaces and
sentences broken over two lines; Word files put the header in a two-column table. Here every
paragraph becomes one clean line, a broken sentence is joined again, a markdown pipe table becomes
a Table, and a table is kept as a Table only when it is a task table (see tables.py); any other
table (the header table) is flattened cell by cell into lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.model import Block, Paragraph, Table
from hoptac.documents.parse.columns import split_columns
from hoptac.documents.parse.flat_tables import unflatten_tables
from hoptac.documents.parse.pipe_cells import split_pipe_cells
from hoptac.documents.parse.reflow import reflow
from hoptac.documents.parse.tables import is_task_table

Item = str | Table

MAX_LINE_CHARS = 200_000  # a longer "line" is cut: nothing in a plan is that long
MAX_ROW_LINES = 12  # a table row wrapped over more lines than this is not one row

_BOLD = re.compile(r"\*\*|__")
# An emphasis star touches a word on one side only ("*Nội dung:*"); a bullet star stands alone.
_EMPHASIS = re.compile(r"(?<=[\w:.)”\"])\*|\*(?=[\w“\"(])")
_BULLET_GLYPHS = "•●▪◦·"
_BULLET = re.compile(rf"^[{_BULLET_GLYPHS}]\s*")
_RULE_CHARS = "-_=—–.* "
_RULE = re.compile(r"^[-_=—–.*\s]{3,}$")
# Where the right-hand cell of a flattened header row starts: the national name, the motto, or
# "<place>, ngày" after a number line.
_RIGHT_CELL = re.compile(r"(?<=\S)\s+(?=CỘNG H[OÒ]A XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do)")
_PLACE_DATE_CELL = re.compile(r"(?<=[A-ZĐ0-9])\s+(?=[A-ZÀ-ỸĐ][^\W\d][^,\d]{0,38},\s*ngày\s)")
_NUMBER_CELL = re.compile(r"(?<=[A-ZĐÀ-Ỹ])\s+(?=Số\s*[:.]\s*\d{0,6}\s*[/\-])")
_AFTER_MOTTO = re.compile(r"(?<=Hạnh phúc)\s+(?=[A-ZÀ-ỸĐ][^\W\d][^,\d]{0,38},\s*ngày\s)")
_CELL_STARTS = (_RIGHT_CELL, _NUMBER_CELL, _AFTER_MOTTO)
_LETTER_ITEM = re.compile(r"^[a-zđ]\s?[).]\s")  # "a) ..." opens an item, it does not continue a sentence
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)  # a line break a markdown table cell spells as HTML
_PIPE_SEPARATOR = re.compile(r"^\|?[\s:|-]+\|?$")


def clean_line(text: str) -> str:
    """One paragraph's text without markdown, bullets glyphs and stray spaces.

    >>> clean_line("- *Thời gian:* Tháng 4/2024.")
    '- Thời gian: Tháng 4/2024.'
    >>> clean_line("  • Tổ chức các hoạt động")
    'Tổ chức các hoạt động'
    """
    if len(text) > MAX_LINE_CHARS:
        text = text[:MAX_LINE_CHARS]
    text = " ".join(text.split())  # squash_spaces, inlined: this runs for every line (already NFC)
    if "*" in text or "__" in text:
        text = squash_spaces(_BOLD.sub("", text))
        if text.startswith("* "):
            return "* " + _EMPHASIS.sub("", text[2:]).strip()
        text = squash_spaces(_EMPHASIS.sub("", text))
    if text[:1] in _BULLET_GLYPHS:
        text = _BULLET.sub("", text)
    return text


def to_items(blocks: Iterable[Block]) -> list[Item]:
    """Clean lines and task tables in body order (see the module docstring)."""
    items: list[Item] = []
    pipe_rows: list[tuple[str, ...]] = []

    def flush_pipe_rows() -> None:
        if pipe_rows:
            _add_table(items, Table(tuple(pipe_rows)))
            pipe_rows.clear()

    blocks = reflow(split_columns(unflatten_tables(split_pipe_cells(list(blocks)))))
    for block in _join_wrapped_pipe_rows(blocks):
        if isinstance(block, Table):
            flush_pipe_rows()
            _add_table(items, block)
            continue
        for raw in block.text.split("\n"):
            stripped = raw.strip()
            if not stripped:  # a blank line ends a pipe table and holds nothing else
                flush_pipe_rows()
                continue
            if stripped.startswith("|") and stripped.count("|") >= 3:
                if not _PIPE_SEPARATOR.match(stripped):
                    cells = _BR.sub(" ", stripped).strip("|").split("|")
                    pipe_rows.append(tuple(clean_line(c) for c in cells))
                continue
            flush_pipe_rows()
            cleaned = clean_line(raw)
            if not cleaned:
                continue
            for line in split_header_row(cleaned):
                if line[0] not in _RULE_CHARS or not _RULE.match(line):
                    _append_line(items, line)
    flush_pipe_rows()
    return items


def _join_wrapped_pipe_rows(blocks: list[Block]) -> list[Block]:
    """A pipe-table row whose text ran over several lines ("| 3 | Hỗ trợ HTX ...;" / "hướng dẫn ... |")
    joined back into one line: a row opened with "|" goes on until a line ends with "|"."""
    out: list[Block] = []
    open_row: list[str] = []
    in_table = False  # the line before was a whole pipe row
    for block in blocks:
        text = block.text.strip() if isinstance(block, Paragraph) else None
        was_in_table, in_table = in_table, bool(text and text.startswith("|") and text.endswith("|"))
        if open_row and text is not None and text and len(open_row) < MAX_ROW_LINES:
            open_row.append(text)
            if text.endswith("|"):
                out.append(Paragraph(" ".join(open_row)))
                open_row = []
            continue
        if open_row:  # the row never closed: keep its lines as they were
            out.extend(Paragraph(line) for line in open_row)
            open_row = []
        if text and text.startswith("|") and not text.endswith("|") and was_in_table:
            open_row = [text]
            continue
        out.append(block)
    out.extend(Paragraph(line) for line in open_row)
    return out


def split_header_row(line: str) -> list[str]:
    """Split a header row that a copy flattened into one line back into its two cells.

    >>> split_header_row("UBND TỈNH BẮC NINH   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    ['UBND TỈNH BẮC NINH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']
    >>> split_header_row("Số: 14/KH-LMHTX Bắc Ninh, ngày 16 tháng 01 năm 2023")
    ['Số: 14/KH-LMHTX', 'Bắc Ninh, ngày 16 tháng 01 năm 2023']
    """
    if not line:
        return []
    if len(line) > 300 or not ("CỘNG H" in line or "Độc lập" in line or line.startswith("Số")):
        return [line]
    # Every place a cell starts: the motto, "Số:" after the issuer's capitals, "<place>, ngày" after
    # the number or the motto. "LIÊN MINH HTX TỈNH NGHỆ AN Số: 45/KH-LMHTX CỘNG HÒA ... Hạnh phúc
    # Nghệ An, ngày 03 tháng 6 năm 2024" is four cells.
    cuts = {m.start() for pattern in _CELL_STARTS for m in pattern.finditer(line) if m.start() > 0}
    cells, start = [], 0
    for cut in [*sorted(cuts), len(line)]:
        cell = line[start:cut].strip()
        start = cut
        # "Số: 14/KH-LMHTX Bắc Ninh, ngày ...": the place and date follow the number in its cell
        place = _PLACE_DATE_CELL.search(cell) if cell.startswith("Số") else None
        cells += [cell[: place.start()].strip(), cell[place.start() :].strip()] if place else [cell]
    return [c for c in cells if c]


def _add_table(items: list[Item], table: Table) -> None:
    rows = tuple(tuple(_clean_cell(cell) for cell in row) for row in table.rows)
    if is_task_table(rows):
        items.append(Table(rows))
        return
    for row in table.rows:
        seen: set[str] = set()
        for cell in row:
            if cell in seen:  # a merged cell is repeated across the columns it spans
                continue
            seen.add(cell)
            for raw in cell.split("\n"):
                line = clean_line(raw)
                if line and (line[0] not in _RULE_CHARS or not _RULE.match(line)):
                    _append_line(items, line)


def _clean_cell(cell: str) -> str:
    """A task table cell's paragraphs, each cleaned, one a line (a list of units or people)."""
    return "\n".join(line for raw in cell.split("\n") if (line := clean_line(raw)))


def _append_line(items: list[Item], line: str) -> None:
    """Append `line`, joining it to the previous one when a sentence was broken between them."""
    if items and isinstance(items[-1], str) and _continues(items[-1], line):
        items[-1] = f"{items[-1]} {line}"
    else:
        items.append(line)


def _continues(previous: str, line: str) -> bool:
    # A sentence broken by a copy or a PDF line end: the first part ends inside a word run and the
    # next part starts in lower case ("... Liên minh Hợp tác" / "xã tỉnh trước ngày 20/4/2024").
    if previous[:1] == "C" and len(previous) < len(_MOTTO) and _is_split_motto(previous, line):
        return True  # "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM": the national name wrapped in its cell
    return (
        previous[-1].isalpha() and line[0].islower() and len(previous) > 40 and not _LETTER_ITEM.match(line)
    )


_MOTTO = "cong hoa xa hoi chu nghia viet nam"


def _is_split_motto(previous: str, line: str) -> bool:
    head = fold(previous).strip()
    return _MOTTO.startswith(head + " ") and fold(f"{previous} {line}").startswith(_MOTTO)
