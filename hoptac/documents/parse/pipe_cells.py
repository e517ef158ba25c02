"""Tables that a web page's conversion to markdown wrote one cell at a time between lone "|" lines.

A legal library's page converted to text writes each table cell as its own lines, and a line holding
only "|" between cells; the row's closing "|" and the next row's opening "|" stand on two lines:

    |                  <- a row opens
    **TT**             <- cell 1 (a cell's text may run over several lines)
    |                  <- between cells
    **Nội dung**       <- cell 2
    |
    |                  <- the row closes and the next one opens
    1
    ...

A run of lone pipes with nothing between is read by counting: one is a cell boundary, two close a
row and open the next, each one more is an empty cell. When the first row names the columns of a task
table (see tables.py) the region becomes a Table; any other such region (the header and signature
blocks) keeps its text, each lone pipe becoming a blank line, so that cells are never joined into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from hoptac.documents.model import Block, Paragraph, Table
from hoptac.documents.parse.tables import is_task_table

MAX_CELL_LINES = 80  # a "cell" longer than this is prose after the table, not a cell
MAX_HEADER_LINES = 4
MAX_HEADER_CHARS = 80
MIN_COLUMNS, MAX_COLUMNS = 3, 12
MAX_ROWS = 10_000
_ROW_NUMBER = re.compile(r"^[*_\s]*(?:[IVXLC]{1,6}|[A-Z]|\d{1,3}(?:\.\d{1,3}){0,3})[.)]?[*_\s]*$")
_MARKS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")

_ELISION = re.compile(r"^[….·\s]{3,}$")

Token = str | int  # a cell's text, or a run of lone pipes (its length)


def split_pipe_cells(blocks: Sequence[Block]) -> list[Block]:
    """`blocks` with every lone-pipe region turned into a Table (task tables) or into its cells'
    lines separated by blank lines (any other region)."""
    if not any(isinstance(b, Paragraph) and "|" in b.text and b.text.strip() == "|" for b in blocks):
        return list(blocks)
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if not (isinstance(block, Paragraph) and block.text.strip() == "|"):
            out.append(block)
            index += 1
            continue
        table = _task_table(blocks, index)
        if table is not None:
            rows, index = table
            out.append(Table(rows))
            continue
        out.append(Paragraph(""))  # a cell boundary: nothing joins across it
        index += 1
    return out


def _tokens(blocks: Sequence[Block], start: int, *, max_cell_lines: int) -> Iterator[tuple[Token, int]]:
    """The region from `start`: cells (joined lines) and pipe runs, each with the index after it."""
    index = start
    while index < len(blocks) and isinstance(blocks[index], Paragraph):
        text = blocks[index].text.strip()
        if text == "|":
            run = 0
            while index < len(blocks) and isinstance(blocks[index], Paragraph):
                stripped = blocks[index].text.strip()
                if stripped == "|":
                    run += 1
                elif stripped:
                    break
                index += 1
            yield run, index
            continue
        lines: list[str] = []
        while index < len(blocks) and isinstance(blocks[index], Paragraph):
            stripped = blocks[index].text.strip()
            if stripped == "|":
                break
            lines.append(stripped)
            index += 1
            if len(lines) > max_cell_lines:
                return
        yield _cell_text(lines), index


def _cell_text(lines: list[str]) -> str:
    """A cell's lines as one text: its paragraphs (blank-line separated) on lines of their own."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n".join(" ".join(p) for p in paragraphs if p)


def _plain(cell: str) -> str:
    return " ".join(_MARKS.sub("", cell).split())


def _task_table(blocks: Sequence[Block], start: int) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """The rows of a task table whose header row opens at the lone pipe `start`, and the index of
    the block after it; None when that row does not name a task table's columns."""
    tokens = _tokens(blocks, start, max_cell_lines=MAX_HEADER_LINES)
    header: list[str] = []
    end = start
    next(tokens)  # the opening pipe
    for cell, _ in tokens:
        if not isinstance(cell, str) or len(header) >= MAX_COLUMNS:
            return None
        plain = _plain(cell)
        if len(plain) > MAX_HEADER_CHARS:
            return None
        header.append(plain)
        run, end = next(tokens, (0, end))
        if run != 1:
            break
    if len(header) < MIN_COLUMNS or not is_task_table([header, header]):
        return None
    width = len(header)
    rows: list[tuple[str, ...]] = [tuple(header)]
    row: list[str] = []
    cells = list(_tokens(blocks, end, max_cell_lines=MAX_CELL_LINES))
    position = 0
    while position < len(cells) and len(rows) <= MAX_ROWS:
        cell, after = cells[position]
        if not isinstance(cell, str):
            break
        row.append("\n".join(_plain(p) for p in cell.split("\n")))
        end = after
        if position + 1 >= len(cells):
            break
        run, after_run = cells[position + 1]
        assert isinstance(run, int)
        following = cells[position + 2][0] if position + 2 < len(cells) else None
        if run >= 2 and (
            len(row) + run - 2 >= width or (isinstance(following, str) and _ROW_NUMBER.match(following))
        ):
            row += [""] * (run - 2)
            rows.append(_fit(row, width))
            row = []
        elif run == 1 and len(row) >= width:  # the row closed: the table ends, or skips a part
            rows.append(_fit(row, width))
            row = []
            if not _resumes(cells, position + 2):
                return tuple(rows), after_run
            position += 4  # "…......" between two rows: the page left rows out; the table goes on
            end = cells[position - 1][1]
            continue
        else:
            row += [""] * (run - 1)
        end = after_run
        position += 2
    if row:
        rows.append(_fit(row, width))
    return (tuple(rows), max(end, start + 1)) if len(rows) >= 2 else None


def _resumes(cells: list[tuple[Token, int]], position: int) -> bool:
    """Whether the cell at `position` is an ellipsis between rows ("….........") and a numbered
    row follows it."""
    if position + 2 >= len(cells):
        return False
    elision, run, number = cells[position][0], cells[position + 1][0], cells[position + 2][0]
    return (
        isinstance(elision, str)
        and bool(_ELISION.match(elision))
        and run == 1
        and isinstance(number, str)
        and bool(_ROW_NUMBER.match(number))
    )


def _fit(row: list[str], width: int) -> tuple[str, ...]:
    """A row of `width` cells; a row with fewer (merged cells) keeps its cells first."""
    return tuple((row + [""] * width)[:width])
