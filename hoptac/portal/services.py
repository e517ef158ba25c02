"""Reading a document for the home page: the engine's Reading, with what the page shows beside it."""

import json
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hoptac.documents import Reading
from hoptac.plans.reading import document_read as engine_read

KIND_LABELS = {"plan": _("Plan"), "article": _("Article"), "unknown": _("Not recognised")}


@dataclass(frozen=True)
class ReadingResult:
    reading: Reading
    kind_label: str
    json: str


def document_read(*, file: UploadedFile | None = None, text: str = "") -> ReadingResult:
    """Read an uploaded file, or else pasted text. Raises UnreadableDocument with a translated message."""
    if file is not None:
        reading = engine_read(data=file.read(), name=file.name).reading
    else:
        reading = engine_read(text=text).reading
    return ReadingResult(
        reading=reading,
        kind_label=KIND_LABELS.get(reading.kind, reading.kind),
        json=json.dumps(reading.to_dict(), ensure_ascii=False, indent=2),
    )
