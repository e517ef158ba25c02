"""Readers: a file's bytes → its paragraphs and tables in body order, and warnings, all text in NFC.

The format is chosen by the file's suffix and checked against its content (core/sniff.py): a .docx
that is not a ZIP package is damaged, a .txt that holds a PDF is refused, a file without a known suffix is
read by what it holds. Word-processing files (.docx .doc .odt .rtf) are read as whichever of them their
content is: a .doc that is really RTF, a .docx that is really a Word 97 file. Old Word, OpenDocument
and RTF files go through LibreOffice (office.py), scanned PDFs through OCR (ocr.py), both external
programs with time limits. Every failure is a DocumentError with a one-line reason; nothing else escapes.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from hoptac.core.sniff import NAMES, Kind, sniff
from hoptac.core.text import INVISIBLE, nfc
from hoptac.documents.errors import (
    CorruptFile,
    DocumentError,
    EmptyFile,
    FileMissing,
    TooLarge,
    UnsupportedFormat,
)
from hoptac.documents.model import Block, Paragraph, Table
from hoptac.documents.read.docx import read_docx
from hoptac.documents.read.html import read_html
from hoptac.documents.read.legacy import TCVN3_CONVERTED, convert_block, fix_unicode_text
from hoptac.documents.read.limits import MAX_FILE_BYTES, size_text
from hoptac.documents.read.office import read_doc, read_odt, read_rtf
from hoptac.documents.read.pdf import read_pdf
from hoptac.documents.read.txt import read_txt

__all__ = ["read_bytes", "read_path"]

log = logging.getLogger("hoptac.documents")
Reader = Callable[[bytes], tuple[list[Block], list[str]]]

_BY_SUFFIX: dict[str, str] = {
    **dict.fromkeys((".txt", ".text", ".md"), "text"),
    **dict.fromkeys((".docx", ".docm", ".dotx", ".dotm"), "docx"),
    **dict.fromkeys((".html", ".htm", ".xhtml", ".shtml"), "html"),
    ".pdf": "pdf",
    ".doc": "doc",
    **dict.fromkeys((".odt", ".ott"), "odt"),
    ".rtf": "rtf",
}
_READERS: dict[str, Reader] = {
    "text": read_txt,
    "docx": read_docx,
    "html": read_html,
    "pdf": read_pdf,
    "doc": read_doc,
    "odt": read_odt,
    "rtf": read_rtf,
}
# What a file holds, by its content, when its suffix says nothing useful.
_BY_KIND: dict[Kind, str] = {
    "zip": "docx",
    "odt": "odt",
    "ole": "doc",
    "rtf": "rtf",
    "pdf": "pdf",
    "html": "html",
    "text": "text",
}
_WORD_PROCESSING = frozenset(("docx", "doc", "odt", "rtf"))
_OTHER_FORMATS = {
    ".xls": "is a spreadsheet, not a document",
    ".xlsx": "is a spreadsheet, not a document",
}
EMPTY = "is empty (0 bytes)"
# An HTML table inside a text file: "<table" and a cell, in the first part of the file.
_HTML_TABLE = re.compile(rb"<table\b[^>]*>.{0,4000}?<t[dh]\b", re.IGNORECASE | re.DOTALL)
MAX_HTML_SNIFF = 200_000


def read_path(path: Path) -> tuple[list[Block], list[str]]:
    """Read the file at `path`: its size is checked before it is read whole."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileMissing("is not a file (a folder?)")
        if size > MAX_FILE_BYTES:
            raise TooLarge(_too_large(size))
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise FileMissing("no such file") from error
    except PermissionError as error:
        raise FileMissing("cannot be opened: permission denied") from error
    except OSError as error:
        raise FileMissing(f"cannot be read ({error.strerror or type(error).__name__})") from error
    return read_bytes(data, name=path.name)


def read_bytes(data: bytes, *, name: str) -> tuple[list[Block], list[str]]:
    """Read an uploaded file's bytes; `name` (its file name) gives the format by its suffix."""
    if len(data) > MAX_FILE_BYTES:
        raise TooLarge(_too_large(len(data)))
    if not data:
        raise EmptyFile(EMPTY)
    try:
        blocks, warnings = _reader_for(data, suffix=Path(name).suffix.lower())(data)
        blocks, warnings = _fix_legacy_text(blocks, warnings)
    except DocumentError:
        raise
    except (RecursionError, MemoryError) as error:
        raise CorruptFile(f"is too deeply nested or too big to read ({type(error).__name__})") from error
    except Exception as error:  # a reader's bug must not reach the user as a traceback
        log.exception("unexpected error reading %s", name)
        raise CorruptFile(f"could not be read: it looks damaged ({type(error).__name__})") from error
    return [_nfc(block) for block in blocks], [nfc(w) for w in warnings]


def _reader_for(data: bytes, *, suffix: str) -> Reader:
    kind = sniff(data)
    declared = _BY_SUFFIX.get(suffix)
    if declared is None:
        if suffix in _OTHER_FORMATS:
            raise UnsupportedFormat(_OTHER_FORMATS[suffix])
        declared = _BY_KIND.get(kind)
        if declared is None:
            raise UnsupportedFormat(
                f"is {NAMES[kind]}, not a document that can be read (.txt .docx .doc .odt .rtf .html .pdf)"
            )
    if declared in _WORD_PROCESSING:
        by_content = _BY_KIND.get(kind)
        if by_content in _WORD_PROCESSING:
            declared = by_content  # read as what it is: a .doc that is RTF, a .docx that is a Word 97 file
        elif declared != "docx":  # a page, text or PDF renamed .doc; a .docx is judged by read_docx
            if by_content is None:
                raise UnsupportedFormat(
                    f"is not a Word document ({NAMES[kind]}): save it as .docx and try again"
                )
            declared = by_content
    elif declared in ("text", "html") and kind in ("zip", "odt", "ole", "pdf", "rtf", "image", "archive"):
        raise UnsupportedFormat(f"is named {suffix} but holds {NAMES[kind]}: rename it to its real format")
    elif declared == "html" and kind == "binary":
        raise UnsupportedFormat(f"is named {suffix} but holds binary data, not a web page")
    if declared == "text" and _HTML_TABLE.search(data[:MAX_HTML_SNIFF]):
        declared = "html"  # markdown or text carrying an HTML table (a site's content file): read the markup
    return _READERS[declared]


def _fix_legacy_text(blocks: list[Block], warnings: list[str]) -> tuple[list[Block], list[str]]:
    """Convert text typed in the TCVN3 font encoding, whatever file it came in (see legacy.py)."""
    whole = "\n".join(_texts(blocks))
    _, legacy = fix_unicode_text(whole)
    if not legacy:
        return blocks, warnings
    fixed: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            fixed.append(Paragraph(convert_block(block.text)))
        else:
            fixed.append(Table(tuple(tuple(convert_block(c) for c in row) for row in block.rows)))
    return fixed, [*warnings, TCVN3_CONVERTED]


def _texts(blocks: list[Block]):
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for row in block.rows:
                yield from row


def _nfc(block: Block) -> Block:
    if isinstance(block, Paragraph):
        text = block.text
        if text.isascii() or (unicodedata.is_normalized("NFC", text) and not INVISIBLE.search(text)):
            return block  # the usual case: no new object
        return Paragraph(nfc(block.text))
    return Table(tuple(tuple(nfc(cell) for cell in row) for row in block.rows))


def _too_large(size: int) -> str:
    return f"is {size_text(size)}, over the {size_text(MAX_FILE_BYTES)} limit: split it or remove its images"
