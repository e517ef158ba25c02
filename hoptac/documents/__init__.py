"""The document engine: reads Vietnamese administrative documents into a `Reading`.

Plain Python with no Django import, usable as a library and from the CLI (`hoptac parse`).

>>> from hoptac.documents import parse_text
>>> parse_text("Số: 14/KH-LMHTX").number
'14/KH-LMHTX'
"""

from hoptac.documents.api import parse_bytes, parse_path, parse_text, read_document
from hoptac.documents.errors import DocumentError
from hoptac.documents.model import Reading

__all__ = ["DocumentError", "Reading", "parse_bytes", "parse_path", "parse_text", "read_document"]
