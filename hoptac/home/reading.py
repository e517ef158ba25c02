"""Reading a document for the home page: the engine's Reading, with what the page shows beside it."""

import json
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hoptac.documents import Reading
from hoptac.documents.read.pdf import pages_needing_ocr
from hoptac.plans.errors import UnreadableDocument
from hoptac.plans.models import DocumentKind
from hoptac.plans.reading import document_read as engine_read

NEEDS_OCR = _(
    "“%(name)s” is a scan that needs text recognition (OCR), a few seconds a page: sign in and use the "
    "import page, where it is read in the background."
)


@dataclass(frozen=True)
class ReadingResult:
    reading: Reading
    kind_label: str
    json: str


def document_read(*, file: UploadedFile | None = None, text: str = "") -> ReadingResult:
    """Read an uploaded file, or else pasted text. Raises UnreadableDocument with a translated message."""
    if file is not None:
        data = file.read()
        # This page is open to anyone: a scan would hold a web worker for minutes (OCR, 300 s limit).
        if pages_needing_ocr(data):
            raise UnreadableDocument(NEEDS_OCR % {"name": file.name})
        reading = engine_read(data=data, name=file.name).reading
    else:
        reading = engine_read(text=text).reading
    return ReadingResult(
        reading=reading,
        kind_label=dict(DocumentKind.choices).get(reading.kind, reading.kind),
        json=json.dumps(reading.to_dict(), ensure_ascii=False, indent=2),
    )
