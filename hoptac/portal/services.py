"""Reading a document for the home page: the engine's Reading, with what the page shows beside it."""

import json
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hoptac.documents import DocumentError, Reading, parse_bytes, parse_text
from hoptac.portal.errors import UnreadableDocument

KIND_LABELS = {"plan": _("Plan"), "article": _("Article"), "unknown": _("Not recognised")}
UNREADABLE_FILE = _("Could not read the file: %(reason)s")
UNREADABLE_TEXT = _("Could not read the text: %(reason)s")


@dataclass(frozen=True)
class ReadingResult:
    reading: Reading
    kind_label: str
    json: str


def document_read(*, file: UploadedFile | None = None, text: str = "") -> ReadingResult:
    """Read an uploaded file, or else pasted text. Raises UnreadableDocument with a translated message."""
    try:
        reading = parse_bytes(file.read(), name=file.name) if file is not None else parse_text(text)
    except DocumentError as error:
        message = UNREADABLE_FILE if file is not None else UNREADABLE_TEXT
        raise UnreadableDocument(message % {"reason": error}) from error
    return ReadingResult(
        reading=reading,
        kind_label=KIND_LABELS.get(reading.kind, reading.kind),
        json=json.dumps(reading.to_dict(), ensure_ascii=False, indent=2),
    )
