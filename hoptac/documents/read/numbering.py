"""Word's automatic numbering: the label ("1.", "a)", "II.", "-") a numbered paragraph shows.

Word does not store these labels; it computes them from word/numbering.xml as it lays the document
out. Plans number their activities that way, so the label is rebuilt here: each list keeps a counter
per level, a level's counter restarts when a higher level moves on, and the level's text ("%1.",
"%1.%2.", "%2)") is filled with the counters in each level's format. Bullets become "-".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

_MAX_LEVELS = 9
_MAX_NUMBER = 1000  # beyond it a label is written in digits: "aaaa...a" would only be noise


@dataclass(frozen=True)
class Level:
    """One level of a list: its number format, its label text with %1..%9, and its first number."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """The lists of one document (from numbering.xml) and their running counters."""

    w: str = ""
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → ilvl → Level
    list_of: dict[str, str] = field(default_factory=dict)  # numId → the counter it shares
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, paragraph: etree._Element) -> str:
        """The label of `paragraph` ("" when it is not numbered), advancing its list's counters."""
        num_id, ilvl = self._num_pr(paragraph)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        level = levels.get(ilvl, Level())
        counters = self.counters.setdefault(self.list_of[num_id], {})
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return "-"
        text = level.text
        for k in range(_MAX_LEVELS - 1, -1, -1):  # %10 does not exist; go down so %1 is not in %11
            if f"%{k + 1}" in text:
                lvl = levels.get(k, Level())
                text = text.replace(f"%{k + 1}", format_number(counters.get(k, lvl.start), lvl.fmt))
        return text.strip()

    def _num_pr(self, paragraph: etree._Element) -> tuple[str | None, int]:
        w = self.w
        ppr = paragraph.find(f"{w}pPr")
        num_id: str | None = None
        ilvl: int | None = None
        style: str | None = None
        if ppr is not None:
            num_pr = ppr.find(f"{w}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{w}numId"), w)
                ilvl = _int(_val(num_pr.find(f"{w}ilvl"), w))
            style = _val(ppr.find(f"{w}pStyle"), w)
        seen = 0
        while num_id is None and style and style in self.styles and seen < 10:  # numbering set by style
            num_id, style_ilvl, style = self.styles[style]
            ilvl = ilvl if ilvl is not None else style_ilvl
            seen += 1
        return num_id, min(max(ilvl or 0, 0), _MAX_LEVELS - 1)


def load_numbering(
    numbering_xml: etree._Element | None, styles_xml: etree._Element | None, w: str
) -> Numbering:
    """Read the lists of numbering.xml and the numbering that styles.xml gives paragraph styles."""
    numbering = Numbering(w=w)
    if numbering_xml is not None:
        abstract: dict[str, dict[int, Level]] = {}
        for node in numbering_xml.iterfind(f"{w}abstractNum"):
            abstract[node.get(f"{w}abstractNumId", "")] = _levels(node, w)
        for node in numbering_xml.iterfind(f"{w}num"):
            num_id = node.get(f"{w}numId", "")
            abstract_id = _val(node.find(f"{w}abstractNumId"), w) or ""
            levels = dict(abstract.get(abstract_id, {}))
            restarted = False
            for override in node.iterfind(f"{w}lvlOverride"):
                ilvl = _int(override.get(f"{w}ilvl")) or 0
                base = levels.get(ilvl, Level())
                lvl = override.find(f"{w}lvl")
                if lvl is not None:
                    base = _level(lvl, w, base)
                start = _int(_val(override.find(f"{w}startOverride"), w))
                if start is not None:
                    base = Level(base.fmt, base.text, start)
                    restarted = True
                levels[ilvl] = base
            numbering.levels[num_id] = levels
            # Lists of one abstract definition continue each other's numbers unless one restarts.
            numbering.list_of[num_id] = f"num:{num_id}" if restarted else f"abstract:{abstract_id}"
    if styles_xml is not None:
        for style in styles_xml.iterfind(f"{w}style"):
            style_id = style.get(f"{w}styleId")
            ppr = style.find(f"{w}pPr")
            num_pr = ppr.find(f"{w}numPr") if ppr is not None else None
            based_on = _val(style.find(f"{w}basedOn"), w)
            num_id = _val(num_pr.find(f"{w}numId"), w) if num_pr is not None else None
            ilvl = _int(_val(num_pr.find(f"{w}ilvl"), w)) if num_pr is not None else None
            if style_id:
                numbering.styles[style_id] = (num_id, ilvl, based_on)
    return numbering


def format_number(n: int, fmt: str) -> str:
    """`n` in Word's number format `fmt`.

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['4', 'd', 'IV', '04']
    >>> format_number(28, "lowerLetter")
    'bb'
    """
    if not 0 <= n <= _MAX_NUMBER:
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: aa, bb...
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, digits in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, n = divmod(n, value)
        out.append(digits * count)
    return "".join(out)


def _levels(abstract: etree._Element, w: str) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterfind(f"{w}lvl"):
        ilvl = _int(lvl.get(f"{w}ilvl"))
        if ilvl is not None and 0 <= ilvl < _MAX_LEVELS:
            levels[ilvl] = _level(lvl, w, Level(text=f"%{ilvl + 1}."))
    return levels


def _level(lvl: etree._Element, w: str, base: Level) -> Level:
    fmt = _val(lvl.find(f"{w}numFmt"), w) or base.fmt
    text = _val(lvl.find(f"{w}lvlText"), w)
    start = _int(_val(lvl.find(f"{w}start"), w))
    return Level(fmt, text if text is not None else base.text, start if start is not None else base.start)


def _val(node: etree._Element | None, w: str) -> str | None:
    return None if node is None else node.get(f"{w}val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
