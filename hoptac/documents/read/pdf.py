"""PDF files → one Paragraph per text line: the text layer with pypdf, and OCR where it has none.

A page without a text layer (a scan: no letters, or a few beside an image as large as the page, such
as a digital signature's stamp) is read by OCR (ocr.py); so is every page of a file whose text layer is
garbage (fonts whose codes map to the wrong letters: too few of its marked words are Vietnamese
syllables, as read/legacy.py counts them, even after TCVN3 conversion). Without OCR installed, a file
with no text at all is refused, as is one whose text layer is garbage. A PDF encrypted with a user
password is refused; one that opens with the empty password (only its permissions are restricted) is
read. Any failure inside pypdf is a damaged file.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass

from hoptac.documents.errors import (
    ConversionFailed,
    ConversionTimedOut,
    CorruptFile,
    DocumentError,
    EmptyFile,
    EncryptedFile,
    UnsupportedEncoding,
)
from hoptac.documents.model import Block, Paragraph
from hoptac.documents.read.legacy import fix_unicode_text, syllable_share
from hoptac.documents.read.limits import MAX_PDF_PAGES
from hoptac.documents.read.ocr import ocr_available, read_pages
from hoptac.documents.read.pdf_tables import may_hold_task_table, merge_continued, task_table_pages
from hoptac.documents.read.stamps import fill_blanks, page_stamps
from hoptac.documents.read.txt import clean_text

NOT_A_PDF = "is not a valid PDF file (it does not start like one): is it the right file?"
DAMAGED = "is a damaged PDF file that cannot be read ({detail})"
ENCRYPTED = "is protected by a password: save or print it to a new PDF without the password and try again"
NEEDS_CRYPTO = (
    "is encrypted with AES, which this installation cannot open: save or print it to a new PDF "
    "without protection and try again"
)
NO_TEXT = "has no text layer (a scanned PDF?): run OCR on it first, or upload the original document"
GARBLED = (
    "has a text layer that is not readable text (its fonts map to the wrong letters) and OCR is not "
    "installed to read its pages: upload the original document"
)
OCR_FOUND_NOTHING = "has no text layer, and OCR found no text on its pages (a blank or unreadable scan?)"
OCR_TIMED_OUT = "has no text layer, and OCR did not finish reading its pages within its time limit"
OCR_FAILED = "has no text layer, and OCR could not read its pages (a damaged PDF?)"
SCANS_SKIPPED = "{count} scanned page(s) were not read: OCR is not installed"

# A page is a scan when its text layer has no letter, or fewer than this beside a page-sized image.
_SCAN_LETTERS = 200
_SCAN_MIN_PIXELS = 500  # the shorter side of a page-sized image: a seal or signature is smaller
_SCAN_SHAPE = 0.15  # how far the image's proportions may be from the page's
_GUTTER = " " * 4  # between a line's two cells, as ocr.py writes it
# A text layer is garbage when fewer than half of its marked words (at least 20) are syllables.
_GARBLED_MIN_WORDS = 20
_GARBLED_SHARE = 0.5

# A line that a page's width ended, not its sentence: nearly as long as the page's longest lines and
# without a closing mark; the next line goes on with it unless it opens an item of its own.
_FULL_LINE_SHARE = 0.8
_CLOSING_MARKS = tuple('.:;!?)”"')
_OPENS_ITEM = re.compile(
    r"^(?:[-+*•–]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|[a-zđ][).]\s|\(\d{1,2}\)|[IVX]{1,5}\.\s)"
)


def join_wrapped_lines(lines: list[str]) -> list[str]:
    """One page's lines with the lines that wrap a paragraph joined back into it.

    >>> join_wrapped_lines(["Căn cứ Kế hoạch số 70/KH-BTV ngày 07/02/2024 của Ban", "Thường vụ.", "- Một"])
    ['Căn cứ Kế hoạch số 70/KH-BTV ngày 07/02/2024 của Ban Thường vụ.', '- Một']
    """
    if not lines:
        return []
    full = _FULL_LINE_SHARE * max(len(line) for line in lines)
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        wrapped = len(previous) >= full and not previous.endswith(_CLOSING_MARKS)
        if wrapped and not _OPENS_ITEM.match(line):
            out[-1] = f"{previous} {line}"
        else:
            out.append(line)
    return out


def read_pdf(data: bytes) -> tuple[list[Block], list[str]]:
    """The text lines of a PDF as Paragraphs, and warnings (pages cut, pages that failed, OCR's figures)."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptFile(NOT_A_PDF)
    layer = _text_layer(data)
    pages, texts, garbled, scans = layer.pages, layer.texts, layer.garbled, layer.scans
    warnings: list[str] = []
    if layer.count > MAX_PDF_PAGES:
        warnings.append(f"only the first {MAX_PDF_PAGES} of {layer.count} pages were read")
    failed = texts.count(None)
    lines = [join_wrapped_lines(_lines(text)) if text is not None else [] for text in texts]
    if lines and lines[0]:
        lines[0] = fill_blanks(lines[0], page_stamps(pages[0]))  # the registration stamp (stamps.py)
    ocr = None
    if scans and ocr_available():
        ocr = read_pages(data, [(i, _longer_side(pages[i])) for i in scans])
        for index in scans:
            lines[index] = _ocr_lines(ocr.pages.get(index, []))
        warnings.extend(ocr.warnings)
    elif garbled:
        raise EmptyFile(GARBLED)
    elif scans and any(lines):
        warnings.append(SCANS_SKIPPED.format(count=len(scans)))
    if failed:
        warnings.append(f"{failed} page(s) could not be read and were skipped")
    if not any(line for page in lines for line in page):
        if ocr is None:
            raise EmptyFile(NO_TEXT)
        if ocr.timed_out:
            raise ConversionTimedOut(OCR_TIMED_OUT)
        if ocr.failed:
            raise ConversionFailed(OCR_FAILED)
        raise EmptyFile(OCR_FOUND_NOTHING)
    candidates = [i for i, text in enumerate(texts) if text and i not in scans and may_hold_task_table(text)]
    tables = task_table_pages(data, candidates, is_header=_is_task_header).pages
    blocks: list[Block] = []
    for index, page in enumerate(lines):
        blocks += tables.get(index) or [Paragraph(line) for line in page]
    return merge_continued(blocks) if tables else blocks, warnings


def _is_task_header(cells: list[str]) -> bool:
    from hoptac.documents.parse.tables import is_task_table  # the parser's vocabulary of columns

    return is_task_table([cells, cells])


def pages_needing_ocr(data: bytes) -> int:
    """How many pages of the PDF `data` read_pdf would give to OCR (scans; every page of a garbage text
    layer), before OCR's own page limit; 0 when none does, or when `data` is not a PDF that opens (read_pdf
    then says why). Runs no external program: a caller tells a read of seconds a page from a quick one.

    >>> pages_needing_ocr(b"%PDF-1.7 broken")
    0
    """
    if b"%PDF-" not in data[:1024]:
        return 0
    try:
        return len(_text_layer(data).scans)
    except DocumentError:  # damaged or encrypted: read_pdf refuses it at once
        return 0


@dataclass(frozen=True)
class _TextLayer:
    """A PDF's pages and the text pypdf finds on the first MAX_PDF_PAGES of them (None: pypdf failed on
    the page), whether that text is garbage, and the pages OCR must read."""

    pages: list
    count: int
    texts: list[str | None]
    garbled: bool
    scans: list[int]


def _text_layer(data: bytes) -> _TextLayer:
    """Open the PDF and read its text layer; raises EncryptedFile or CorruptFile as read_pdf reports them."""
    # pypdf is imported here: the other readers do not pay for it.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy files are noise
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedFile(ENCRYPTED)
        pages = reader.pages
        count = len(pages)
    except EncryptedFile:
        raise
    except DependencyError as error:
        raise EncryptedFile(NEEDS_CRYPTO) from error
    except Exception as error:  # pypdf raises many kinds (PdfReadError, KeyError, ValueError...) on bad input
        raise CorruptFile(DAMAGED.format(detail=type(error).__name__)) from error
    if not count:
        raise CorruptFile(DAMAGED.format(detail="no pages found"))
    texts: list[str | None] = []
    for index in range(min(count, MAX_PDF_PAGES)):
        try:
            texts.append(clean_text(pages[index].extract_text() or ""))
        except DependencyError as error:
            raise EncryptedFile(NEEDS_CRYPTO) from error
        except Exception:  # one broken page must not lose the others
            texts.append(None)
    if texts.count(None) == len(texts):
        raise CorruptFile(DAMAGED.format(detail="no page could be read"))
    garbled = _garbled("\n".join(t for t in texts if t))
    scans = [i for i, text in enumerate(texts) if text is not None and (garbled or _is_scan(pages[i], text))]
    return _TextLayer(pages=list(pages[: len(texts)]), count=count, texts=texts, garbled=garbled, scans=scans)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _ocr_lines(blocks: list[list[str]]) -> list[str]:
    """OCR's blocks of lines → lines, wrapped ones joined but never one with a gutter (a header's row
    of two cells), and a blank line after each block: it ends a region of side-by-side columns."""
    out: list[str] = []
    for block in blocks:
        run: list[str] = []
        for line in block:
            if _GUTTER in line:
                out.extend(join_wrapped_lines(run))
                run = []
                out.append(line)
            else:
                run.append(line)
        out.extend(join_wrapped_lines(run))
        out.append("")
    return out


def _garbled(text: str) -> bool:
    """True when a text layer is not text a person could read: fonts whose codes map to the wrong
    letters ("7ӌ1+ LÀO CAI" for "TỈNH LÀO CAI"), or VNI, which OCR reads better than any table."""
    try:
        fixed, _ = fix_unicode_text(text)
    except UnsupportedEncoding:
        return True
    good, total = syllable_share(fixed)
    return total >= _GARBLED_MIN_WORDS and good < _GARBLED_SHARE * total


def _is_scan(page, text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters == 0 or (letters < _SCAN_LETTERS and _has_page_image(page))


def _has_page_image(page) -> bool:
    """True when the page draws an image with the page's proportions, at least 500 pixels across."""
    try:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        shape = max(width, height) / min(width, height)
        return any(
            min(w, h) >= _SCAN_MIN_PIXELS and abs(max(w, h) / min(w, h) - shape) <= _SCAN_SHAPE * shape
            for w, h in _image_sizes(page.get("/Resources"), depth=0)
        )
    except Exception:  # a broken resource dictionary: not a scan as far as we can tell
        return False


def _image_sizes(resources, *, depth: int):
    """(width, height) in pixels of the images in `resources`, and in the forms they draw (2 deep)."""
    if resources is None or depth > 2:
        return
    objects = resources.get_object().get("/XObject")
    if objects is None:
        return
    for reference in objects.get_object().values():
        xobject = reference.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            yield int(xobject.get("/Width", 0)), int(xobject.get("/Height", 0))
        elif subtype == "/Form":
            yield from _image_sizes(xobject.get("/Resources"), depth=depth + 1)


def _longer_side(page) -> float:
    """The longer side of a page in points (its user unit applied), 0 when it cannot be told."""
    try:
        return max(float(page.mediabox.width), float(page.mediabox.height)) * float(page.user_unit)
    except Exception:
        return 0.0
