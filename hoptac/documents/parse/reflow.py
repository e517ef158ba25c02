"""Paragraphs that a copy hard-wrapped at a fixed width, joined again.

Text copied from a legal library or converted from a web page to markdown breaks every paragraph
at about 80 characters, mid-phrase ("Thực hiện Kế hoạch số 14-KH/TU" / "ngày 29/7/2025 của Ban
Thường vụ Tỉnh ủy ..."), and may break inside a bold or italic span ("**CỘNG HÒA XÃ HỘI" / "CHỦ
NGHĨA VIỆT NAM**"). Such a text is recognised by its shape: many lines of nearly the same length
that end mid-phrase. Two layouts are met:

- paragraphs separated by blank lines: every line of a paragraph is joined to the one before, but
  for a line that opens an item ("- ", "1.", "a)"), a new bold paragraph, a signature line;
- no blank lines: a line is joined to the one before when that one ends mid-phrase and either the
  line goes on in lower case or the one before was nearly full width.

A text of one paragraph a line (most files, every Word file) is left as it is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from hoptac.documents.model import Block, Paragraph

MIN_LINES = 12
MAX_WRAP_WIDTH = 130  # a copy that wraps wider than this is not hard-wrapped
WRAPPED_SHARE = 0.1
FULL_SHARE = 0.7  # a line this share of the wrap width long is "full"

_CLOSING = tuple('.;:!?)”"')
_ITEM = re.compile(
    r"^(?:[-+•–—]\s|[-+]\S|\d{1,2}(?:\.\d{1,2})*\s*(?:[.)]|/(?!\d))\s*\S|\(?[a-zđ]\)\s|\(\d{1,2}\)|[IVX]{1,5}\s*[.)]\s)"
)
_SIGNATURE = re.compile(r"^(?:T/?M|KT|TL|TUQ|Q|TM)\.\s|^(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC)$")
_NEVER_JOINED = re.compile(r"^(?:Độc lập\s*[-–]|Nơi nhận|Số\s*:|KẾ HOẠCH$|\||V/v\b|Kính gửi)")
_RULE = re.compile(r"^[-_=—–.*\s]{3,}$")
_STARS = re.compile(r"\*\*|__")
_EMPHASIS_STAR = re.compile(r"(?<=\S)\*|\*(?=\S)")  # not a bullet "* " standing alone
_DATE_LINE_END = re.compile(r"\bnăm\s+\d{4}\*{0,2}$")


def reflow(blocks: Sequence[Block]) -> list[Block]:
    """`blocks` with hard-wrapped paragraphs joined (see the module docstring)."""
    lines = [b.text.strip() if isinstance(b, Paragraph) else None for b in blocks]
    width = _wrap_width([t for t in lines if t])
    if width is None:
        return list(blocks)
    blank_separated = _blank_separated(lines)
    out: list[Block] = []
    previous: str | None = None  # the paragraph being built
    last = ""  # its last line as written
    for block, text in zip(blocks, lines, strict=True):
        if text is None or not text:
            if previous is not None:
                out.append(Paragraph(previous))
                previous = None
            out.append(block)
            continue
        if previous is not None and _joins(
            previous, last, text, width=width, blank_separated=blank_separated
        ):
            previous, last = f"{previous} {text}", text
            continue
        if previous is not None:
            out.append(Paragraph(previous))
        previous = last = text
    if previous is not None:
        out.append(Paragraph(previous))
    return out


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at, or None when it does not look hard-wrapped: too few of
    its lines end mid-phrase with the next one going on in lower case."""
    if len(lines) < MIN_LINES:
        return None
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(0.97 * (len(lengths) - 1))]
    if width > MAX_WRAP_WIDTH:
        return None
    goes_on = sum(
        1
        for line, following in itertools.pairwise(lines)
        if not line.endswith(_CLOSING) and _bare(following)[:1].islower()
    )
    return width if goes_on >= max(5, WRAPPED_SHARE * len(lines)) else None


def _blank_separated(lines: list[str | None]) -> bool:
    """Whether paragraphs are separated by blank lines (a blank follows a good share of lines)."""
    filled = sum(1 for t in lines if t)
    blanks_after = sum(1 for a, b in itertools.pairwise(lines) if a and b == "")
    return filled > 0 and blanks_after >= 0.2 * filled


def _open_marks(text: str) -> bool:
    """Whether a bold or italic span opened in `text` is still open at its end."""
    if len(_STARS.findall(text)) % 2:
        return True
    singles = len(_EMPHASIS_STAR.findall(_STARS.sub("", text)))
    return singles % 2 == 1


def _bare(text: str) -> str:
    return _STARS.sub("", text).replace("*", "").strip()


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _joins(previous: str, last_line: str, line: str, *, width: int, blank_separated: bool) -> bool:
    bare, last = _bare(line), _bare(last_line)
    if not bare or _RULE.match(bare) or _RULE.match(last) or _NEVER_JOINED.match(bare):
        return False
    if _open_marks(previous):
        return True
    if _DATE_LINE_END.search(last):
        return False  # "Lào Cai, ngày 29 tháng 12 năm 2025" ends its cell
    if _ITEM.match(bare) or _SIGNATURE.match(bare) or _SIGNATURE.match(last):
        return False
    if line.startswith(("**", "__")) and previous.endswith(("**", "__")):
        return False  # two bold paragraphs: a heading, then another
    if _is_caps(last) and not _is_caps(bare) and bare[:1].isupper():
        return False  # "PHÓ CHỦ TỊCH" / "Trương Việt Dũng"
    if blank_separated:
        return True
    if last.endswith(_CLOSING):
        return False
    starts_low = bare[:1].islower() or bare[:1].isdigit()
    return starts_low or len(last_line) >= FULL_SHARE * width
