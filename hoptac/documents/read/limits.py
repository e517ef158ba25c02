"""The readers' bounds: what the engine refuses to read, so a hostile file cannot exhaust memory or time."""

from __future__ import annotations

MB = 1024 * 1024

MAX_FILE_BYTES = 20 * MB  # any file, before it is read whole
MAX_PART_BYTES = 50 * MB  # one XML part of a .docx once unpacked (word/document.xml...)
MAX_UNPACKED_BYTES = 200 * MB  # all members of a .docx together, as its zip directory declares them
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_RATIO = 500  # uncompressed / compressed for a member over 1 MB; real XML stays far below
ZIP_RATIO_FLOOR = 1 * MB
READ_CHUNK = 1 * MB
MAX_PDF_PAGES = 500
SAMPLE_CHARS = 200_000  # encoding detection looks at this much text, not more


def size_text(size: int) -> str:
    """A size for a person: "21.0 MB".

    >>> size_text(22_020_096)
    '21.0 MB'
    """
    return f"{size / MB:.1f} MB"
