"""Task tables in a PDF's text layer, found by their ruling lines with pdfplumber.

pypdf gives a table's cells as loose lines, each cell wrapped inside its column; a plan whose work is
an appendix table ("TT | Tên nhiệm vụ | Chủ trì | Phối hợp | Thời gian") would read as prose. Here a
page whose text names a task table's columns is read again with pdfplumber: its tables are found by
their ruling lines, a table whose first row names the columns becomes a Table, and a table on the
next page with as many columns and a numbered first row goes on with it (a table continued over a
page break; a repeated header row is dropped). The text above and below each table stays text. A
cell's lines are the cell's width wrapping one paragraph: they are joined with spaces.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass, field

from hoptac.core.text import fold, nfc
from hoptac.documents.model import Block, Paragraph, Table

# Words that a page holding a task table has (folded): the row number's column and a content column.
_NUMBER_COLUMN = re.compile(r"(?<!\w)s?tt(?!\w)")
_CONTENT_WORDS = ("noi dung", "nhiem vu", "cong viec", "hoat dong")
MAX_TABLE_PAGES = 40  # pages read again with pdfplumber, at most, in one file
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5})\.?\s*$")

log = logging.getLogger("hoptac.documents")


@dataclass
class PageTables:
    """The blocks of the pages that hold task tables, by page index."""

    pages: dict[int, list[Block]] = field(default_factory=dict)


def may_hold_task_table(text: str) -> bool:
    """Whether a page's text names a task table's columns (cheap: decides whether to look closer)."""
    folded = fold(text[:20_000])
    return bool(_NUMBER_COLUMN.search(folded)) and any(word in folded for word in _CONTENT_WORDS)


def task_table_pages(data: bytes, candidates: list[int], *, is_header) -> PageTables:
    """The pages in `candidates` (and the pages after them a table goes on to) as blocks: text lines
    and task Tables. `is_header(cells)` tells a task table's header row. Any failure of pdfplumber
    leaves the pages to pypdf's lines (an empty result)."""
    found = PageTables()
    if not candidates:
        return found
    try:
        import pdfplumber  # imported here: only PDFs with task tables pay for it
    except ImportError:  # pragma: no cover - it is in the lock file
        return found
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            header: list[str] | None = None  # the header of a table that may go on
            index = candidates[0]
            checked = 0
            while index < len(pdf.pages) and checked < MAX_TABLE_PAGES:
                if index not in candidates and header is None:
                    following = [c for c in candidates if c > index]
                    if not following:
                        break
                    index = following[0]
                    continue
                blocks, header = _page_blocks(pdf.pages[index], header, is_header=is_header)
                if blocks is not None:
                    found.pages[index] = blocks
                index += 1
                checked += 1
    except Exception:  # a PDF pdfminer chokes on: keep pypdf's reading of it
        log.info("pdfplumber could not read the tables of a PDF", exc_info=True)
        return PageTables()
    return found


def _page_blocks(page, header, *, is_header) -> tuple[list[Block] | None, list[str] | None]:
    """(the page as blocks, or None when it holds no task table; the header of a table that may go
    on to the next page)."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    blocks: list[Block] = []
    top = 0.0
    for table in tables:
        rows = [[_cell(c) for c in row] for row in table.extract()]
        if not rows:
            continue
        goes_on = (
            header is not None
            and len(rows[0]) == len(header)
            and (bool(_ROW_NUMBER.match(rows[0][0])) or _same(rows[0], header))
        )
        if not goes_on and not is_header(rows[0]):
            continue
        if goes_on:
            assert header is not None
            rows = [header, *(r for r in rows if not _same(r, header))]  # merge_continued joins them
        header = rows[0]
        blocks += _text_lines(page, top, table.bbox[1])
        blocks.append(Table(tuple(map(tuple, rows))))
        top = table.bbox[3]
    if not blocks:
        return None, None
    below = _text_lines(page, top, float(page.height))
    # a table goes on to the next page only when nothing but a page number follows it on this one
    ends_page = all(_PAGE_NUMBER.match(b.text) for b in below if isinstance(b, Paragraph))
    return blocks + below, header if ends_page else None


def merge_continued(blocks: list[Block]) -> list[Block]:
    """Tables that go on over a page break joined into one: a Table, then page numbers at most, then a
    Table with the same header row (added by _page_blocks to a continuation)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            previous = _last_table(out)
            if previous is not None and previous[1].rows[0] == block.rows[0]:
                index, table = previous
                del out[index:]
                out.append(Table(table.rows + block.rows[1:]))
                continue
        out.append(block)
    return out


def _last_table(blocks: list[Block]) -> tuple[int, Table] | None:
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if isinstance(block, Table):
            return index, block
        if not _PAGE_NUMBER.match(block.text):
            return None
    return None


def _text_lines(page, top: float, bottom: float) -> list[Block]:
    if bottom - top < 1:
        return []
    text = page.crop((0, top, float(page.width), bottom), strict=False).extract_text() or ""
    return [Paragraph(nfc(line.strip())) for line in text.splitlines() if line.strip()]


def _cell(value: str | None) -> str:
    return nfc(" ".join((value or "").split()))


def _same(row: list[str], header: list[str]) -> bool:
    return [fold(c) for c in row] == [fold(c) for c in header]
