"""Reading a document for the home page: the engine's Reading, with what the page shows beside it."""

import json
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from hoptac.documents import DocumentError, Reading, parse_bytes, parse_text
from hoptac.documents import errors as document_errors
from hoptac.portal.errors import UnreadableDocument

KIND_LABELS = {"plan": _("Plan"), "article": _("Article"), "unknown": _("Not recognised")}
# What went wrong, in the interface's language, by the engine's error class; the engine's own reason
# (English, a predicate of the file's name as its CLI prints it) follows for the details.
PROBLEMS = {
    document_errors.FileMissing: _("the file could not be found"),
    document_errors.EmptyFile: _("the file holds no text"),
    document_errors.TooLarge: _("the file is too large (the limit is 20 MB)"),
    document_errors.UnsupportedFormat: _("this kind of file cannot be read (use .docx, .pdf, .html or .txt)"),
    document_errors.CorruptFile: _("the file is damaged or not what its name says"),
    document_errors.EncryptedFile: _("the file is protected by a password"),
    document_errors.UnsupportedEncoding: _(
        "the text uses an old Vietnamese font encoding; convert it to Unicode"
    ),
}
UNREADABLE_FILE = _("Could not read the file %(name)s: %(problem)s. Details: %(name)s %(reason)s")
UNREADABLE_TEXT = _("Could not read the text: %(problem)s. Details: %(reason)s")


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
        problem = next((p for cls, p in PROBLEMS.items() if isinstance(error, cls)), _("unknown problem"))
        if file is not None:
            details = {"name": file.name, "problem": problem, "reason": error}
            raise UnreadableDocument(UNREADABLE_FILE % details) from error
        raise UnreadableDocument(UNREADABLE_TEXT % {"problem": problem, "reason": error}) from error
    return ReadingResult(
        reading=reading,
        kind_label=KIND_LABELS.get(reading.kind, reading.kind),
        json=json.dumps(reading.to_dict(), ensure_ascii=False, indent=2),
    )
