"""Entry points of the engine: bytes, a path or plain text in, a Reading out."""

from __future__ import annotations

from pathlib import Path

from hoptac.core.text import nfc
from hoptac.documents.model import Block, Paragraph, Reading, Table
from hoptac.documents.parse.document import parse_blocks
from hoptac.documents.read import read_bytes, read_path


def parse_path(path: str | Path, *, source: str | None = None) -> Reading:
    """Read the file at `path` into a Reading. Raises DocumentError (missing, empty, corrupt...)."""
    blocks, warnings = read_path(Path(path))
    return parse_blocks(blocks, source=source if source is not None else str(path), warnings=warnings)


def parse_bytes(data: bytes, *, name: str) -> Reading:
    """Read an uploaded file's bytes; `name` (its file name) gives the format by its suffix."""
    blocks, warnings = read_bytes(data, name=name)
    return parse_blocks(blocks, source=name, warnings=warnings)


def read_document(data: bytes, *, name: str) -> tuple[Reading, str]:
    """Like `parse_bytes`, and also the document's text as the reader saw it: a paragraph a line, a
    table row a line with its cells between " | ". The import review shows it beside the reading.

    >>> reading, text = read_document("Số: 14/KH-LMHTX\\nKẾ HOẠCH".encode(), name="kh.txt")
    >>> reading.number, text.splitlines()[1]
    ('14/KH-LMHTX', 'KẾ HOẠCH')
    """
    blocks, warnings = read_bytes(data, name=name)
    return parse_blocks(blocks, source=name, warnings=warnings), blocks_text(blocks)


def blocks_text(blocks: list[Block]) -> str:
    """The plain text of a reader's blocks (see `read_document`)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines.extend(" | ".join(" ".join(cell.split()) for cell in row) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)


def parse_text(text: str, *, source: str = "-") -> Reading:
    """Read pasted text, one paragraph a line (in NFC, as every reader gives its blocks)."""
    blocks = [Paragraph(line) for line in nfc(text).splitlines()]
    return parse_blocks(blocks, source=source, warnings=[])
