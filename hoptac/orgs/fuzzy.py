"""How close a written name is to a registered one, word by word: typos, missing words, extra words.

Plain Python on keys (`unit_key`), so "Ban Kế hoạch Liên minh HTX tỉnh An Giang" is one missing phrase
away from "Ban Kế hoạch - Hỗ trợ ...", and "Bắc Ninhh" one typo from "Bắc Ninh". Close is never exact:
every confidence here is below 0.9, so a person confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass

TOP_CONFIDENCE = 0.89
FLOOR = 0.5
# Words naming an administrative level: a name that adds one ("UBND huyện", "UBND xã") is another body.
LEVEL_WORDS = frozenset({"tinh", "thanh", "pho", "huyen", "quan", "thi", "xa", "phuong", "tran"})


@dataclass(frozen=True)
class Closeness:
    typos: int  # words written with one or two letters wrong
    missing: int  # words of the registered name the written one leaves out (two at most, typos included)
    extra: int  # words of the written name the registered one does not have

    @property
    def confidence(self) -> float:
        return round(TOP_CONFIDENCE - 0.05 * self.typos - 0.07 * self.missing - 0.1 * self.extra, 2)

    def describe(self) -> str:
        parts = [
            f"{count} {label}{'s' if count > 1 else ''}"
            for count, label in (
                (self.typos, "typo"),
                (self.missing, "missing word"),
                (self.extra, "extra word"),
            )
            if count
        ]
        return "close match (" + ", ".join(parts) + ")"


def closeness(
    written: tuple[str, ...], registered: tuple[str, ...], *, place: frozenset[str], is_relative: bool = False
) -> Closeness | None:
    """How `written` differs from `registered` (both key words), or None if it is not close enough.

    `place` holds the words of the registered unit's province: they must all be written (a typo is
    allowed), or "Liên minh HTX tỉnh Bắc Giang" would be close to "... tỉnh Bắc Ninh". A relative
    name ("Liên minh HTX tỉnh", "Ban Kế hoạch") takes no extra word: "Liên minh HTX tỉnh Xyz" names
    some other province, and "Ban Kế hoạch - Tài chính" some other department.
    >>> closeness(("ban", "ke", "hoach"), ("ban", "ke", "hoach", "ho", "tro"), place=frozenset())
    Closeness(typos=0, missing=2, extra=0)
    >>> closeness(("uy", "ban", "huyen"), ("uy", "ban", "tinh"), place=frozenset()) is None  # "UBND huyện"
    True
    """
    if not written or not registered or not _same_word(written[0], registered[0]):
        return None
    pairs = _aligned(written, registered)
    matched_written = {i for i, _ in pairs}
    matched_registered = {j for _, j in pairs}
    extra = [w for i, w in enumerate(written) if i not in matched_written]
    missing = [w for j, w in enumerate(registered) if j not in matched_registered]
    typos = sum(1 for i, j in pairs if written[i] != registered[j])
    if (
        len(pairs) < max(2, (len(written) + 1) // 2)
        or len(extra) > (0 if is_relative else 1)
        or typos + len(missing) + len(extra) > 2
    ):
        return None
    if LEVEL_WORDS.intersection(extra) or place.intersection(missing):
        return None
    found = Closeness(typos=typos, missing=len(missing), extra=len(extra))
    if found == Closeness(0, 0, 0) or found.confidence < FLOOR:
        return None
    return found


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int, int]]:
    """The longest common subsequence of words, a typo counting as the same word: (index in a, in b)."""
    rows, cols = len(a), len(b)
    lengths = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if _same_word(a[i], b[j]):
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < rows and j < cols:
        if _same_word(a[i], b[j]) and lengths[i][j] == lengths[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def _same_word(a: str, b: str) -> bool:
    """Whether two words are one, maybe mistyped. A syllable's first letter is never taken as a typo:
    "tinh" and "minh", "binh" and "ninh" are other words, not slips."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 4 or abs(len(a) - len(b)) > 2 or a[0] != b[0]:
        return False
    return _edits(a, b, limit=2 if shorter >= 7 else 1)


def _edits(a: str, b: str, *, limit: int) -> bool:
    """Whether `a` becomes `b` in at most `limit` insertions, deletions or substitutions."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit
