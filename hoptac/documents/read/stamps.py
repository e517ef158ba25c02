"""Numbers and dates an office's signing software stamps onto a signed PDF.

Vietnamese e-office systems register a document when it is signed: the number ("7432") and the
day (and sometimes the month) are drawn into signature fields placed over the blanks of "Số:
/UBND-XD" and "Lào Cai, ngày    tháng 7 năm 2026". The page's text layer keeps the blanks; the
stamped text lives in the fields' appearance streams. Here it is read from them and put back into
the blanks, in the order a reader meets them: the left-hand stamp fills the number, the stamps on
the right fill the day, then the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_STAMP_CHARS = 12
_STAMP = re.compile(r"^\d{1,6}$")
_NUMBER_BLANK = re.compile(r"^(Số\s*:?)\s*(?=/)")
_DAY_BLANK = re.compile(r"\bngày\s+(?=tháng\b)")
_MONTH_BLANK = re.compile(r"\btháng\s+(?=năm\b)")


@dataclass(frozen=True)
class Stamp:
    text: str
    left: float
    top: float


def page_stamps(page) -> list[Stamp]:
    """The digits drawn into the page's signature fields, left to right."""
    stamps: list[Stamp] = []
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        appearance = annotation.get("/AP")
        if annotation.get("/Subtype") != "/Widget" or appearance is None:
            continue
        try:
            normal = appearance.get_object()["/N"].get_object()
            text = page.extract_xform_text(normal).strip()
            left, _, _, top = (float(v) for v in annotation["/Rect"])
        except Exception:  # a broken field is no stamp
            continue
        if len(text) <= MAX_STAMP_CHARS and _STAMP.match(text):
            stamps.append(Stamp(text=text, left=left, top=top))
    return sorted(stamps, key=lambda s: s.left)


def fill_blanks(lines: list[str], stamps: list[Stamp]) -> list[str]:
    """`lines` with the stamped number and date written into their blanks; unchanged without stamps
    or without blanks."""
    if not stamps:
        return lines
    left = [s for s in stamps if s.left < _MIDDLE]
    right = [s for s in stamps if s.left >= _MIDDLE]
    out = []
    for line in lines:
        if left and _NUMBER_BLANK.match(line):
            line = _NUMBER_BLANK.sub(rf"\1 {left.pop(0).text}", line, count=1)
        if right and _DAY_BLANK.search(line):
            line = _DAY_BLANK.sub(f"ngày {right.pop(0).text} ", line, count=1)
            if right and _MONTH_BLANK.search(line):
                line = _MONTH_BLANK.sub(f"tháng {right.pop(0).text} ", line, count=1)
        out.append(line)
    return out


_MIDDLE = 300.0  # points from the left edge: the header's right column starts past the middle of A4
