"""The document engine behind the web: a file or pasted text in, a Reading and its text out, and the
engine's refusals turned into one translated message."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from hoptac.documents import DocumentError, Reading, parse_text, read_document
from hoptac.documents import errors as document_errors
from hoptac.documents.read.limits import MAX_OCR_PAGES, setting
from hoptac.documents.read.ocr import ocr_available
from hoptac.documents.read.pdf import pages_needing_ocr
from hoptac.plans.errors import UnreadableDocument

# What went wrong, in the interface's language, by the engine's error class; the engine's own reason
# (English, a predicate of the file's name as its CLI prints it) follows for the details. The first
# class the error is an instance of wins: a subclass comes before its base.
PROBLEMS = {
    document_errors.FileMissing: _("the file could not be found"),
    document_errors.EmptyFile: _("the file holds no text"),
    document_errors.TooLarge: _("the file is too large (the limit is 20 MB)"),
    document_errors.ConverterMissing: _(
        "the program that reads this kind of file (LibreOffice for .doc, .odt and .rtf; OCR for scanned "
        "PDFs) is not installed on the server; save the file as .docx, or ask the administrator to "
        "install it"
    ),
    document_errors.UnsupportedFormat: _(
        "this kind of file cannot be read (use .docx, .doc, .odt, .rtf, .pdf, .html or .txt)"
    ),
    document_errors.ConversionTimedOut: _(
        "reading it took too long and was stopped; save it as .docx, or split a long scan into "
        "smaller files, and try again"
    ),
    document_errors.ConversionFailed: _(
        "the program that converts it (LibreOffice, or OCR for a scan) could not read it; open it, "
        "save it as .docx or as a new PDF, and try again"
    ),
    document_errors.CorruptFile: _("the file is damaged or not what its name says"),
    document_errors.EncryptedFile: _("the file is protected by a password"),
    document_errors.UnsupportedEncoding: _(
        "the text uses an old Vietnamese font encoding; convert it to Unicode"
    ),
}
UNREADABLE_FILE = _("Could not read the file %(name)s: %(problem)s. Details: %(name)s %(reason)s")
UNREADABLE_TEXT = _("Could not read the text: %(problem)s. Details: %(reason)s")
NOTHING_READ = _(
    "Could not read the file %(name)s: no title, number, issuer or task of a document was found in it."
)


@dataclass(frozen=True)
class ReadDocument:
    reading: Reading
    text: str


def document_read(*, data: bytes | None = None, name: str = "", text: str = "") -> ReadDocument:
    """Read a file's bytes (`name` gives its format), or else pasted text.

    Raises UnreadableDocument with a translated message naming the file and the engine's reason.
    """
    try:
        if data is not None:
            reading, document_text = read_document(data, name=name)
            return ReadDocument(reading=reading, text=document_text)
        reading = parse_text(text, source=name or "-")
    except DocumentError as error:
        problem = next((p for cls, p in PROBLEMS.items() if isinstance(error, cls)), _("unknown problem"))
        if data is not None:
            raise UnreadableDocument(
                UNREADABLE_FILE % {"name": name, "problem": problem, "reason": error}
            ) from error
        raise UnreadableDocument(UNREADABLE_TEXT % {"problem": problem, "reason": error}) from error
    return ReadDocument(reading=reading, text=text)


def refuse_empty(document: ReadDocument, *, name: str) -> ReadDocument:
    """The document, unless nothing of an administrative document was read from it (a page of noise, a
    photo): UnreadableDocument then, so that it never becomes a plan titled by its file name."""
    reading = document.reading
    if reading.title or reading.number or reading.issuer.name or reading.activities:
        return document
    raise UnreadableDocument(NOTHING_READ % {"name": name})


def pages_to_ocr(data: bytes) -> int:
    """How many pages of a file OCR would read, within its page limit: 0 for any file but a scanned or
    garbled PDF, and when OCR is not installed (the engine then reads what it can, or refuses the file,
    at once)."""
    pages = pages_needing_ocr(data)
    if not pages or not ocr_available():
        return 0
    return min(pages, int(setting("HOPTAC_OCR_MAX_PAGES", MAX_OCR_PAGES)))
