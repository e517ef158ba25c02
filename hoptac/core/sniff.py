"""What a file's first bytes say it is, whatever its name says: the document engine's readers choose by
it, and core/uploads.py tells an uploaded file's kind from it."""

from __future__ import annotations

from typing import Literal

Kind = Literal["zip", "odt", "ole", "pdf", "html", "rtf", "image", "archive", "binary", "text"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OpenDocument package stores its media type first, uncompressed: it shows in the first bytes.
_ODT_MEDIA_TYPE = b"mimetypeapplication/vnd.oasis.opendocument.text"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\xfd7zXZ\x00", b"MZ\x90\x00", b"\x7fELF")
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<div", b"<p>")
# Text keeps few control characters: tab, new line, form feed, carriage return, and DOS's end of file.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a\x1b")
_NOT_CONTROL = bytes(b for b in range(256) if b >= 0x20 or b in _TEXT_CONTROLS)

NAMES: dict[str, str] = {
    "zip": "a ZIP archive (such as a .docx)",
    "odt": "an OpenDocument text (.odt)",
    "ole": "an old Office 97-2003 file (such as a .doc)",
    "pdf": "a PDF document",
    "html": "an HTML page",
    "rtf": "an RTF document",
    "image": "an image",
    "archive": "a compressed archive or program",
    "binary": "binary data",
    "text": "plain text",
}


def sniff(data: bytes) -> Kind:
    """The kind of `data` by its content: a magic number, an HTML opening, or text versus binary."""
    head = data[:1024]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "odt" if _ODT_MEDIA_TYPE in head[:200] else "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGES):
        return "image"
    if head.startswith(_ARCHIVES):
        return "archive"
    if looks_binary(data):
        return "binary"
    start = head
    for bom in _BOMS:
        start = start.removeprefix(bom)
    start = start.lstrip().lower()
    if start.startswith(b"<?xml"):
        start = start[start.find(b"?>") + 2 :].lstrip() if b"?>" in start else b""
    if start.startswith(b"<!--") or start.startswith(_HTML_OPENINGS) or b"<html" in head.lower():
        return "html"
    return "text"


def utf16_order(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when `data` is UTF-16 text without a byte order mark, else None.

    Text in UTF-16 has a NUL byte beside most ASCII letters, always on the same side.
    """
    sample = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True when `data` holds NUL bytes (and is not UTF-16 text) or many control characters."""
    sample = data[:65536]
    if utf16_order(data):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))
    return controls > max(4, len(sample) // 20)
