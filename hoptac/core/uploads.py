"""What an uploaded file holds, by its bytes, whatever its name says (docs/adr/0007): the sniffing the
document engine reads by (core/sniff.py), told more finely for Office packages and images. Files kept as
they came (evidence) must hold what their name says; the readers (documents, member lists, tracking
sheets) check their own formats as they read them."""

import io
import zipfile
import zlib
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _

from hoptac.core.sniff import sniff

# What `content_kind` finds, as a user reads it.
KIND_NAMES = {
    "pdf": _("a PDF document"),
    "docx": _("a Word document (.docx)"),
    "xlsx": _("an Excel workbook (.xlsx)"),
    "odt": _("an OpenDocument text (.odt)"),
    "ods": _("an OpenDocument spreadsheet (.ods)"),
    "zip": _("a ZIP archive"),
    "ole": _("an old Office file (.doc or .xls)"),
    "rtf": _("an RTF document"),
    "png": _("a PNG image"),
    "jpeg": _("a JPEG image"),
    "image": _("an image of another kind"),
    "html": _("a web page (HTML)"),
    "archive": _("a compressed archive or a program"),
    "binary": _("binary data"),
    "text": _("plain text"),
}
# The kinds each name may hold. An old .doc may be RTF or a .docx renamed, as Word itself saves them.
EXPECTED_KINDS = {
    ".pdf": {"pdf"},
    ".doc": {"ole", "rtf", "docx"},
    ".docx": {"docx"},
    ".xls": {"ole"},
    ".xlsx": {"xlsx"},
    ".odt": {"odt"},
    ".ods": {"ods"},
    ".rtf": {"rtf"},
    ".jpg": {"jpeg"},
    ".jpeg": {"jpeg"},
    ".png": {"png"},
    ".txt": {"text"},
    ".csv": {"text"},
    ".html": {"html", "text"},
    ".htm": {"html", "text"},
}
CONTENT_MISMATCH = _(
    "“%(name)s” is not really a %(suffix)s file: it holds %(found)s. Save it again in the format its name "
    "says, or rename it to what it is if that kind is accepted, and upload it again."
)
_ODS_MEDIA_TYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"


def content_kind(data: bytes) -> str:
    """A key of KIND_NAMES for what `data` holds, read from its first bytes and a ZIP's directory.
    >>> content_kind(b"<!doctype html><p>x"), content_kind(b"%PDF-1.7")
    ('html', 'pdf')
    """
    kind = sniff(data)
    if kind == "zip":
        if _ODS_MEDIA_TYPE in data[:200]:
            return "ods"
        names = _zip_names(data)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    if kind == "image":
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if data.startswith(b"\xff\xd8\xff"):
            return "jpeg"
    return kind


def content_mismatch(name: str, data: bytes) -> str | None:
    """None when `data` is what `name`'s suffix says, or the suffix is not one of EXPECTED_KINDS; else
    the message refusing the file, in the active language."""
    suffix = PurePath(name).suffix.lower()
    expected = EXPECTED_KINDS.get(suffix)
    if expected is None:
        return None
    found = content_kind(data)
    if found in expected:
        return None
    return CONTENT_MISMATCH % {"name": name, "suffix": suffix, "found": KIND_NAMES[found]}


def _zip_names(data: bytes) -> set[str]:
    try:
        return set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return set()
