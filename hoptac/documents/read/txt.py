"""Plain text files → one Paragraph a line.

Encodings, in the order they are tried: a byte order mark (UTF-8, UTF-16 LE/BE), UTF-16 without one
(NUL beside every ASCII letter), valid UTF-8, then an 8-bit Vietnamese encoding: Windows-1258 (whose
combining marks are composed to NFC) or TCVN3 (see legacy.py). Binary data is refused.
"""

from __future__ import annotations

import re
import unicodedata

from hoptac.core.sniff import looks_binary, utf16_order
from hoptac.core.text import nfc
from hoptac.documents.errors import EmptyFile, UnsupportedFormat
from hoptac.documents.model import Block, Paragraph
from hoptac.documents.read.legacy import TCVN3_DECODED, choose_8bit

_UTF8_BOM = b"\xef\xbb\xbf"
# Control characters but tab and line ends, non-characters, lone surrogates, the replacement mark.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffd\ufffe\uffff]")
BINARY = "holds binary data, not text: is it the right file?"
EMPTY = "holds no text"


def read_txt(data: bytes) -> tuple[list[Block], list[str]]:
    """The lines of a text file as Paragraphs, and warnings about how it was decoded."""
    text, warnings = decode_text(data)
    if not text.strip():
        raise EmptyFile(EMPTY)
    return [Paragraph(line) for line in text.splitlines()], warnings


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Bytes of a text file → NFC text without control characters, and warnings."""
    warnings: list[str] = []
    order = utf16_order(data)
    if data.startswith(_UTF8_BOM):
        text = _decode(data[3:], "utf-8", warnings)
    elif order:
        text = _decode(data, order, warnings)
        if order != "utf-16":
            warnings.append(f"the file has no byte order mark; it was read as {order.upper()}")
    elif looks_binary(data):
        raise UnsupportedFormat(BINARY)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = choose_8bit(data)
            warnings.append(
                TCVN3_DECODED if encoding == "TCVN3" else "the file is not UTF-8; it was read as Windows-1258"
            )
    return clean_text(text), warnings


def clean_text(text: str) -> str:
    """NFC text with control characters and the replacement mark removed; a vertical tab or a form feed
    (which XML refuses) ends a line."""
    text = text.replace("\r\n", "\n").replace("\x0b", "\n").replace("\x0c", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = nfc(text)
    return _CONTROLS.sub("", text)


def _decode(data: bytes, encoding: str, warnings: list[str]) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        warnings.append(f"some bytes were not valid {encoding.upper()} and were dropped")
        return data.decode(encoding, errors="replace").replace("\ufffd", "")
