"""PDF files with a text layer → one Paragraph per text line, with pypdf.

A scanned PDF (images only) has no text to read and is refused: it needs OCR first. A PDF encrypted
with a user password is refused; one that opens with the empty password (only its permissions are
restricted) is read. Any failure inside pypdf is a damaged file.
"""

from __future__ import annotations

import io
import logging
import re

from hoptac.documents.errors import CorruptFile, EmptyFile, EncryptedFile
from hoptac.documents.model import Block, Paragraph
from hoptac.documents.read.limits import MAX_PDF_PAGES
from hoptac.documents.read.txt import clean_text

NOT_A_PDF = "is not a valid PDF file (it does not start like one): is it the right file?"
DAMAGED = "is a damaged PDF file that cannot be read ({detail})"
ENCRYPTED = "is protected by a password: save or print it to a new PDF without the password and try again"
NEEDS_CRYPTO = (
    "is encrypted with AES, which this installation cannot open: save or print it to a new PDF "
    "without protection and try again"
)
NO_TEXT = "has no text layer (a scanned PDF?): run OCR on it first, or upload the original document"


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
    """The text lines of a PDF as Paragraphs, and warnings (pages cut, pages that failed)."""
    if b"%PDF-" not in data[:1024]:
        raise CorruptFile(NOT_A_PDF)
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
    warnings: list[str] = []
    if count > MAX_PDF_PAGES:
        warnings.append(f"only the first {MAX_PDF_PAGES} of {count} pages were read")
    blocks: list[Block] = []
    failed = 0
    for index in range(min(count, MAX_PDF_PAGES)):
        try:
            text = pages[index].extract_text() or ""
        except DependencyError as error:
            raise EncryptedFile(NEEDS_CRYPTO) from error
        except Exception:  # one broken page must not lose the others
            failed += 1
            continue
        lines = [line.strip() for line in clean_text(text).splitlines() if line.strip()]
        blocks.extend(Paragraph(line) for line in join_wrapped_lines(lines))
    if failed:
        warnings.append(f"{failed} page(s) could not be read and were skipped")
    if not blocks:
        if failed and failed == min(count, MAX_PDF_PAGES):
            raise CorruptFile(DAMAGED.format(detail="no page could be read"))
        raise EmptyFile(NO_TEXT)
    return blocks, warnings
