"""Two columns laid side by side in plain text (a PDF's text layer, a copy of a printed page), read
one after the other as a Word table's cells are.

      Số: 25/KH-BTVLMHTXVN                          Hà Nội, ngày 09 tháng 02 năm 2026
    Nơi nhận:                                                           TM. BAN THƯỜNG VỤ
    - Ban Bí thư Trung ương Đảng (để b/c);                                    CHỦ TỊCH

A line holding two cells has a gutter of spaces between them. A region runs from such a line to the
last one that follows it within a few lines, and on to the end of its paragraph; inside it, every
piece of text belongs to the left column or the right one by where it starts. The left column comes
out first, then the right one. A lone page number ("2", "- 3 -") between paragraphs is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hoptac.documents.model import Block, Paragraph

_GUTTER = re.compile(r"(?<=\S)(?: {4,}|\t[ \t]*)(?=\S)")
_PAGE_NUMBER = re.compile(r"^[-–\s]*\d{1,3}[-–\s]*$")
_PAGE_NUMBER_LINE = re.compile(r"^[-– ]*\d{1,3}[-– ]*$", re.MULTILINE)
MAX_GAP_LINES = 3  # non-blank lines without a gutter between two lines with one, inside a region
MIN_LEFT_CHARS = 2
MIN_RIGHT_COLUMN = 30  # a right column starts far from the margin; "Việt Nam;     (báo cáo)" is one cell
MIN_GUTTER_LINES = 2
_TAB_GUTTER = " " * 40


def split_columns(blocks: Sequence[Block]) -> list[Block]:
    """`blocks` with side-by-side regions read column by column, and page numbers dropped."""
    paragraphs = "\n".join(b.text for b in blocks if isinstance(b, Paragraph))
    if "    " not in paragraphs and "\t" not in paragraphs and not _PAGE_NUMBER_LINE.search(paragraphs):
        return list(blocks)  # no gutter and no lone page number anywhere: nothing to do
    # A tab between two cells ("UBND TỈNH ĐẮK NÔNG<TAB>CỘNG HÒA ...") is a gutter as wide as a page's.
    texts = [b.text.replace("\t", _TAB_GUTTER) if isinstance(b, Paragraph) else None for b in blocks]
    gutters = [_gutter(t) if t is not None and "    " in t.strip() else None for t in texts]
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        if gutters[index] is None:
            if not (texts[index] is not None and _PAGE_NUMBER.match(texts[index]) and texts[index].strip()):
                out.append(blocks[index])
            index += 1
            continue
        end = _region_end(texts, gutters, index)
        if sum(g is not None for g in gutters[index:end]) >= MIN_GUTTER_LINES:
            out.extend(_columns(texts[index:end], gutters[index:end]))
        else:
            out.extend(blocks[index:end])
        index = end
    return out


def _gutter(text: str) -> int | None:
    """Where the right cell of a two-cell line starts, else None."""
    body = text.rstrip()
    match = _GUTTER.search(body, len(body) - len(body.lstrip()))
    if not match or len(body[: match.start()].strip()) < MIN_LEFT_CHARS or match.end() < MIN_RIGHT_COLUMN:
        return None
    return match.end()


def _region_end(texts: list[str | None], gutters: list[int | None], start: int) -> int:
    last, gap, index = start, 0, start + 1
    while index < len(texts) and texts[index] is not None:
        if gutters[index] is not None:
            last, gap = index, 0
        elif not texts[index].strip() and index - start >= MIN_GUTTER_LINES:
            break  # a blank line after a few rows of cells ends them: the page's menu is not the header
        elif texts[index].strip():
            gap += 1
            if gap > MAX_GAP_LINES:
                break
        index += 1
    end = last + 1
    while end < len(texts) and texts[end] is not None and texts[end].strip():
        end += 1  # the rest of the last line's paragraph ("- Lưu: VT." under the signer's name)
    return end


def _columns(texts: list[str | None], gutters: list[int | None]) -> list[Block]:
    split_at = min(g for g in gutters if g is not None) - 2
    left: list[str] = []
    right: list[str] = []
    for text, gutter in zip(texts, gutters, strict=True):
        assert text is not None
        if gutter is not None:
            left.append(text[:gutter].strip())
            right.append(text[gutter:].strip())
        elif len(text) - len(text.lstrip()) >= split_at:
            right.append(text.strip())
        else:
            left.append(text.strip())
    return [Paragraph(t) for t in [*left, *right] if t]
