"""PDF pages without a usable text layer (scans; fonts that map to the wrong letters) → lines, by OCR.

pdftoppm renders one page at a time at 300 dpi in grey, and Tesseract reads it with its Vietnamese data
(`-l vie`), giving each word with its confidence (the TSV output). Both are external programs with a
time limit per page and one for the whole file, and at most 30 pages of a file are read (limits.py,
docs/adr/0017); Tesseract's page segmentation copes with the mild skew of a scan. One page takes about
2 s on a 2-core machine (bench/parse.py): Tesseract runs single-threaded (OMP_THREAD_LIMIT=1),
which is twice as fast there as its default threads, and reads grey PGM, faster than colour PNG.

Nothing is invented: a line is kept only when Tesseract is fairly sure of it and most of its words are
Vietnamese syllables, numbers or abbreviations, so a page of noise gives no line at all; in a kept
line, a word under 50% confidence that is none of those is dropped. OCR's artefacts are normalised:
FRACTION SLASH (⁄) and DIVISION SLASH (∕) become "/", ETH (Ð) becomes Đ, and a word that lost the
circumflex its "iê"/"yê" must have ("QUYÉT") gets it back ("QUYẾT").

The reader says what came from OCR in its warnings: "text read by OCR from 3 page(s), mean confidence
87%"; `ocr_info(warnings)` gives those figures back to a caller.
"""

from __future__ import annotations

import csv
import functools
import itertools
import logging
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hoptac.documents.read.legacy import is_syllable
from hoptac.documents.read.limits import (
    MAX_OCR_PAGES,
    MAX_OCR_PIXELS,
    OCR_DPI,
    OCR_PAGE_TIMEOUT_S,
    OCR_TIMEOUT_S,
    setting,
)
from hoptac.documents.read.process import run_bounded

log = logging.getLogger("hoptac.documents")

LANGUAGE = "vie"
OCR_READ = "text read by OCR from {pages} page(s), mean confidence {confidence}%"
_OCR_READ = re.compile(r"text read by OCR from (\d+) page\(s\), mean confidence (\d+)%")
PAGES_CUT = "only the first {limit} of {total} pages that need OCR were read"
OUT_OF_TIME = "OCR did not finish {count} page(s) in time ({page:g} s a page, {total:g} s a file): skipped"
OCR_FAILED = "OCR failed on {count} page(s), which were skipped"

MIN_WORD_CONFIDENCE = 50  # a word under it is kept only when it is a syllable or a number
MIN_LINE_CONFIDENCE = 60  # the mean over a line's words...
MIN_CLEAN_LINE_CONFIDENCE = 40  # ...or this, when every word of the line is a syllable or a number
MIN_GOOD_SHARE = 0.6  # of a line's words that are syllables, numbers or abbreviations
GUTTER_CHARS = 3  # a gap this many characters wide between two words is a gutter between columns
MIN_GUTTER_SPACES = 4  # how parse/columns.py tells a gutter from a space

_EDGES = " \t.,;:!?()[]{}\"'“”‘’«»…-–—/*+=%<>|"
_NUMBER = re.compile(r"[\dA-ZĐa-zđ]*\d[\dA-ZĐa-zđ/.,\-+:]*")  # 1894/TB-SCT, 06/3/2026, Km0+500
_ABBREVIATION = re.compile(r"[A-ZĐ]{2,}")  # UBND, VLNCN, TB-SCT's parts
_ARTEFACTS = str.maketrans({"\u2044": "/", "\u2215": "/", "\u00d0": "\u0110", "\u00f0": "\u0111"})
_CIRCUMFLEX = "\u0302"


@dataclass(frozen=True)
class OcrInfo:
    """What OCR read in a file: how many pages, and Tesseract's mean confidence in the words kept."""

    pages: int
    mean_confidence: int  # percent


@dataclass
class OcrResult:
    """The blocks of lines OCR read, by page index (from 0); warnings (its figures first); pages lost."""

    pages: dict[int, list[list[str]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    timed_out: int = 0
    failed: int = 0


@dataclass(frozen=True)
class _Word:
    text: str
    confidence: float
    left: int
    width: int


def ocr_available() -> bool:
    """True when pdftoppm and Tesseract with its Vietnamese data are installed (found on PATH)."""
    return _programs() is not None


def ocr_info(warnings: Iterable[str]) -> OcrInfo | None:
    """The OCR figures a reading's warnings carry, or None when no text came from OCR.

    >>> ocr_info(["text read by OCR from 3 page(s), mean confidence 87%"])
    OcrInfo(pages=3, mean_confidence=87)
    >>> ocr_info(["no date found"]) is None
    True
    """
    for warning in warnings:
        if match := _OCR_READ.fullmatch(warning):
            return OcrInfo(pages=int(match[1]), mean_confidence=int(match[2]))
    return None


def read_pages(data: bytes, pages: Sequence[tuple[int, float]]) -> OcrResult:
    """OCR the pages of the PDF `data` given as (index from 0, longer side in points), in order.

    Pages past the page limit are left out with a warning; a page that fails or times out is
    skipped and counted; the time limit for the whole file stops the rest.
    """
    result = OcrResult()
    programs = _programs()
    if programs is None:
        raise OSError("pdftoppm or tesseract (with its Vietnamese data) is not installed")
    limit = int(setting("HOPTAC_OCR_MAX_PAGES", MAX_OCR_PAGES))
    if len(pages) > limit:
        result.warnings.append(PAGES_CUT.format(limit=limit, total=len(pages)))
        pages = pages[:limit]
    page_limit_s = setting("HOPTAC_OCR_PAGE_TIMEOUT_S", OCR_PAGE_TIMEOUT_S)
    file_limit_s = setting("HOPTAC_OCR_TIMEOUT_S", OCR_TIMEOUT_S)
    deadline = time.monotonic() + file_limit_s
    confidences: list[float] = []
    with tempfile.TemporaryDirectory(prefix="hoptac-ocr-") as folder:
        home = Path(folder)
        (home / "document.pdf").write_bytes(data)
        for index, side_pt in pages:
            left_s = deadline - time.monotonic()
            if left_s <= 0:
                result.timed_out += 1
                continue
            try:
                words = _read_page(programs, home, index, side_pt, timeout_s=min(page_limit_s, left_s))
            except subprocess.TimeoutExpired:
                result.timed_out += 1
                continue
            except (OSError, _PageFailed) as error:
                log.info("OCR failed on page %s: %s", index + 1, error)
                result.failed += 1
                continue
            blocks, kept = page_lines(words)
            result.pages[index] = blocks
            confidences.extend(kept)
    read = sum(1 for blocks in result.pages.values() if blocks)  # pages text came from
    if read:
        mean = round(statistics.fmean(confidences))
        result.warnings.insert(0, OCR_READ.format(pages=read, confidence=mean))
    if result.timed_out:
        result.warnings.append(
            OUT_OF_TIME.format(count=result.timed_out, page=page_limit_s, total=file_limit_s)
        )
    if result.failed:
        result.warnings.append(OCR_FAILED.format(count=result.failed))
    return result


def page_lines(rows: Iterable[dict[str, str]]) -> tuple[list[list[str]], list[float]]:
    """One page's Tesseract TSV rows → its blocks of lines worth keeping, and their words' confidences.

    A line holding two columns (the header's "Số: 14/KH" beside "Hà Nội, ngày ...") has a gutter of
    spaces up to where its right cell stands on the page, as a PDF's text layer has (parse/columns.py
    reads it so). Blocks are Tesseract's, but for two changes that keep a header's rows together and
    its title apart: two blocks whose facing lines both hold a gutter are one, and a line that follows
    a line with a gutter and starts well to its right (a centred title) begins a block of its own.
    >>> row = lambda line, left, conf, text: dict(level="5", block_num="1", par_num="1", line_num=line,
    ...     left=str(left), width="60", conf=str(conf), text=text)
    >>> page_lines([row("1", 0, 96, "Số:"), row("1", 70, 91, "1894⁄TB-SCT"), row("2", 0, 31, "Ñ~")])
    ([['Số: 1894/TB-SCT']], [96.0, 91.0])
    """
    lines: dict[tuple[str, str, str], list[_Word]] = {}
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            word = _Word(_normalise(text), float(row["conf"]), int(row["left"]), int(row["width"]))
        except (KeyError, ValueError):
            continue
        lines.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(word)
    words = [w for line in lines.values() for w in line]
    if not words:
        return [], []
    char_px = max(1.0, statistics.median(w.width / len(w.text) for w in words))
    blocks: list[list[str]] = []
    confidences: list[float] = []
    previous: tuple[str, int, bool] | None = None  # the last kept line's block, left edge, gutter
    for (block, _, _), line in lines.items():
        kept = _kept_words(line)
        if not kept:
            continue
        text, gutter = _line_text(line, kept, char_px)
        left = line[kept[0]].left
        if previous is None:
            blocks.append([text])
        else:
            same_block = block == previous[0]
            if same_block and previous[2] and not gutter and left - previous[1] >= GUTTER_CHARS * char_px:
                same_block = False  # a centred title under the header's rows
            if same_block or (previous[2] and gutter):
                blocks[-1].append(text)
            else:
                blocks.append([text])
        previous = (block, left, gutter)
        confidences.extend(line[i].confidence for i in kept)
    return blocks, confidences


class _PageFailed(Exception):
    """pdftoppm or Tesseract exited with an error, or wrote nothing."""


def _read_page(
    programs: tuple[str, str], home: Path, index: int, side_pt: float, *, timeout_s: float
) -> list[dict[str, str]]:
    pdftoppm, tesseract = programs
    started = time.monotonic()
    # 300 dpi, or less for a page so large that 300 dpi would make an image of gigabytes.
    dpi = max(1, min(OCR_DPI, int(MAX_OCR_PIXELS * 72 / side_pt))) if side_pt > 0 else OCR_DPI
    number = str(index + 1)
    rendered = run_bounded(
        [pdftoppm, "-r", str(dpi), "-f", number, "-l", number, "-gray", "-singlefile", "document.pdf", "pg"],
        timeout_s=timeout_s,
        home=home,
    )
    image = home / "pg.pgm"
    if rendered.returncode != 0 or not image.is_file():
        raise _PageFailed(f"pdftoppm exited with {rendered.returncode}: {rendered.stderr[-300:]!r}")
    try:
        read = run_bounded(
            [tesseract, image.name, "stdout", "--dpi", str(dpi), "-l", LANGUAGE, "tsv"],
            timeout_s=max(0.1, timeout_s - (time.monotonic() - started)),
            home=home,
            env={"OMP_THREAD_LIMIT": "1"},
        )
    finally:
        image.unlink(missing_ok=True)
    if read.returncode != 0:
        raise _PageFailed(f"tesseract exited with {read.returncode}: {read.stderr[-300:]!r}")
    text = read.stdout.decode("utf-8", errors="replace")
    return list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))


def _kept_words(words: list[_Word]) -> list[int]:
    """The indexes of a line's words to keep, or [] when the line is noise."""
    kinds = [_kind(w.text) for w in words]
    lettered = [k for k in kinds if k is not None]
    good = sum(k != "junk" for k in lettered)
    if not lettered or good < MIN_GOOD_SHARE * len(lettered):
        return []
    anchored = any(
        w.confidence >= MIN_WORD_CONFIDENCE
        and ((k == "word" and sum(c.isalpha() for c in w.text) >= 2) or (k == "number" and len(w.text) >= 2))
        for w, k in zip(words, kinds, strict=True)
    )
    mean = statistics.fmean(w.confidence for w in words)
    sure = mean >= MIN_LINE_CONFIDENCE or (mean >= MIN_CLEAN_LINE_CONFIDENCE and good == len(lettered))
    if not (anchored and sure):
        return []
    return [
        i
        for i, (w, k) in enumerate(zip(words, kinds, strict=True))
        if w.confidence >= MIN_WORD_CONFIDENCE or k in ("word", "number")
    ]


def _kind(text: str) -> str | None:
    """ "word" (a syllable or an abbreviation, or such parts joined by - or /), "number", "junk", or
    None for punctuation alone."""
    bare = text.strip(_EDGES)
    if not bare:
        return None
    if _NUMBER.fullmatch(bare):
        return "number"
    parts = [part for part in re.split(r"[-/]", bare) if part]
    if parts and all(is_syllable(p) or _ABBREVIATION.fullmatch(p) for p in parts):
        return "word"
    return "junk"


def _line_text(words: list[_Word], kept: list[int], char_px: float) -> tuple[str, bool]:
    """The kept words of a line, and whether a wide gap between two of them became a gutter that
    reaches the column where the second word stands (`char_px` is the page's character width)."""
    text = words[kept[0]].text
    gutter = False
    for before, after in itertools.pairwise(kept):
        gap = words[after].left - (words[before].left + words[before].width)
        if after == before + 1 and gap >= GUTTER_CHARS * char_px:  # beside each other on the page
            gutter = True
            text += " " * max(MIN_GUTTER_SPACES, round(words[after].left / char_px) - len(text))
        else:
            text += " "
        text += words[after].text
    return text, gutter


def _normalise(word: str) -> str:
    """One word as OCR gave it → NFC, with its artefacts fixed.

    >>> _normalise("QUYÉT"), _normalise("1105⁄KH-ĐKT"), _normalise("tiéng")
    ('QUYẾT', '1105/KH-ĐKT', 'tiếng')
    """
    word = unicodedata.normalize("NFC", word.translate(_ARTEFACTS))
    if word.isascii() or is_syllable(word.strip(_EDGES) or word):
        return word
    fixed = _restore_circumflex(word)
    return fixed if is_syllable(fixed.strip(_EDGES)) else word


def _restore_circumflex(word: str) -> str:
    """Give the e after an i or y its circumflex ("iê", "yê" are the only spellings Vietnamese has)."""
    letters = list(unicodedata.normalize("NFD", word))
    out: list[str] = []
    previous = ""
    for index, char in enumerate(letters):
        out.append(char)
        if unicodedata.combining(char):
            continue
        marks = "".join(letters[index + 1 : index + 3])
        if char in "eE" and previous in "iIyY" and _CIRCUMFLEX not in marks:
            out.append(_CIRCUMFLEX)
        previous = char
    return unicodedata.normalize("NFC", "".join(out))


def _programs() -> tuple[str, str] | None:
    """(pdftoppm, tesseract) as found on PATH, or None when one is missing or has no Vietnamese data."""
    pdftoppm, tesseract = shutil.which("pdftoppm"), shutil.which("tesseract")
    if pdftoppm is None or tesseract is None or not _has_vietnamese(tesseract):
        return None
    return pdftoppm, tesseract


@functools.lru_cache(maxsize=4)
def _has_vietnamese(tesseract: str) -> bool:
    try:
        listed = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=10, check=False
        ).stdout.decode("utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANGUAGE in listed.split()
