"""The readers' bounds: what the engine refuses to read, so a hostile file cannot exhaust memory or time."""

from __future__ import annotations

import os

MB = 1024 * 1024

MAX_FILE_BYTES = 20 * MB  # any file, before it is read whole
MAX_PART_BYTES = 50 * MB  # one XML part of a .docx once unpacked (word/document.xml...)
# The bounds of the ZIP package itself are core/zip_limits.py, shared with the spreadsheet check.
READ_CHUNK = 1 * MB
MAX_PDF_PAGES = 500
SAMPLE_CHARS = 200_000  # encoding detection looks at this much text, not more

# External programs (docs/adr/0017). Each bound can be changed in the environment (`setting`), by the
# variable named beside it: a slower machine, a test that needs a short limit.
OFFICE_TIMEOUT_S = 60  # HOPTAC_SOFFICE_TIMEOUT_S: one LibreOffice conversion (.doc .odt .rtf → .docx)
MAX_CONVERTED_BYTES = 4 * MAX_FILE_BYTES  # the .docx LibreOffice writes, before it is read whole
OCR_PAGE_TIMEOUT_S = 60  # HOPTAC_OCR_PAGE_TIMEOUT_S: rendering and reading one page (about 2 s here)
OCR_TIMEOUT_S = 300  # HOPTAC_OCR_TIMEOUT_S: all the pages of one file together
MAX_OCR_PAGES = 30  # HOPTAC_OCR_MAX_PAGES: pages read by OCR in one file; the rest are left out
OCR_DPI = 300
MAX_OCR_PIXELS = 5000  # the longer side of a rendered page: an A3 page at 300 dpi, a huge page at less


def size_text(size: int) -> str:
    """A size for a person: "21.0 MB".

    >>> size_text(22_020_096)
    '21.0 MB'
    """
    return f"{size / MB:.1f} MB"


def setting(name: str, default: float) -> float:
    """The positive number in the environment variable `name`, else `default`.

    >>> setting("HOPTAC_NO_SUCH_SETTING", 60)
    60
    """
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default
