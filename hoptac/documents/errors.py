"""The engine's errors: every failure to read a document is a DocumentError with a one-line reason.

Interfaces translate them once: the CLI prints `file: reason`, the web shows the reason beside the form.
"""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be read. `str(error)` is a one-line reason a person can act on."""


class FileMissing(DocumentError):
    """The path names no readable file."""


class EmptyFile(DocumentError):
    """The file holds no bytes, or no text at all."""


class TooLarge(DocumentError):
    """The file, or what it unpacks to, is over the engine's size limit."""


class UnsupportedFormat(DocumentError):
    """The bytes are not a document format the engine reads (binary, image, archive...)."""


class CorruptFile(DocumentError):
    """The file claims a format but is damaged or hostile (bad zip, zip bomb, XML entities)."""


class EncryptedFile(DocumentError):
    """The file is protected by a password."""


class UnsupportedEncoding(DocumentError):
    """The text is in an encoding the engine cannot convert (a legacy Vietnamese font encoding...)."""


class ConverterMissing(UnsupportedFormat):
    """The program that reads this kind of file (LibreOffice, Tesseract, pdftoppm) is not installed."""


class ConversionFailed(CorruptFile):
    """An external program (LibreOffice, pdftoppm, Tesseract) failed on the file or gave nothing back."""


class ConversionTimedOut(ConversionFailed):
    """An external program did not finish within its time limit; it was killed with its children."""
