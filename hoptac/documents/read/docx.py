"""Word .docx files → paragraphs and tables in body order.

The body of word/document.xml is walked child by child: a `w:p` is a Paragraph (its automatic number
label first, see numbering.py; `w:br` as a new line; runs set in capitals upper-cased), a `w:tbl` a
Table whose cells are their paragraphs joined by new lines. As in python-docx, a merged cell's text is
repeated in every grid column and row it covers; a table inside a cell is flattened into the cell's
text, one line per row. Page headers and footers, text boxes and deleted text are not body.

Old Word files are refused here too: an OLE file carrying an EncryptedPackage is a password-protected
.docx, any other OLE file a Word 97-2003 .doc.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from hoptac.core.sniff import OLE_MAGIC
from hoptac.documents.errors import CorruptFile, EmptyFile, EncryptedFile, UnsupportedFormat
from hoptac.documents.model import Block, Paragraph, Table
from hoptac.documents.read.numbering import Numbering, load_numbering
from hoptac.documents.read.package import NOT_A_ZIP, Package

_NAMESPACES = (
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}",
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}",  # Strict OOXML
)
_MAX_SPAN = 64
# Elements that only wrap runs or blocks: their content is read as if they were not there.
_WRAPPERS = frozenset(
    ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "sdt", "sdtContent", "dir", "bdo", "moveTo")
)
_OFF = {"0", "false", "off"}

ENCRYPTED = (
    "is protected by a password: open it in Word, remove the password (File > Info > Protect Document) "
    "and save it again"
)
LEGACY_DOC = "is an old Word 97-2003 document (.doc): open it in Word or LibreOffice and save it as .docx"
LEGACY_OFFICE = "is an old Office 97-2003 file, not a Word document: save it as .docx"
NO_TEXT = "holds no text (a Word file with an empty body)"
NO_DOCUMENT = "is not a Word document: its package has no word/document.xml (another Office file?)"
TEXT_BOXES = "text inside text boxes or shapes was not read"


@dataclass(frozen=True)
class _Context:
    w: str
    numbering: Numbering


def read_docx(data: bytes) -> tuple[list[Block], list[str]]:
    """The body of a .docx as Paragraphs and Tables in order, and warnings."""
    if data.startswith(OLE_MAGIC):
        refuse_ole(data)
    if not data.startswith(b"PK"):
        raise CorruptFile(NOT_A_ZIP)
    package = Package(data)
    main = package.related("", "officeDocument") or "word/document.xml"
    if not package.has(main):
        raise CorruptFile(NO_DOCUMENT)
    document = package.xml(main)
    w = _namespace(document)
    body = document.find(f"{w}body")
    if body is None:
        raise EmptyFile(NO_TEXT)
    numbering = load_numbering(_optional(package, main, "numbering"), _optional(package, main, "styles"), w)
    ctx = _Context(w=w, numbering=numbering)
    blocks: list[Block] = []
    _blocks(body, ctx, blocks)
    boxed = any(t.text for box in body.iter(f"{w}txbxContent") for t in box.iter(f"{w}t"))
    warnings = [TEXT_BOXES] if boxed else []
    if not blocks:
        raise EmptyFile(NO_TEXT)
    return blocks, warnings


def refuse_ole(data: bytes) -> None:
    """Raise the right error for an OLE (Office 97-2003 container) file: encrypted .docx or legacy file."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFile(ENCRYPTED)
    if "WordDocument".encode("utf-16-le") in data:
        raise UnsupportedFormat(LEGACY_DOC)
    raise UnsupportedFormat(LEGACY_OFFICE)


def _namespace(document: etree._Element) -> str:
    tag = document.tag if isinstance(document.tag, str) else ""
    for w in _NAMESPACES:
        if tag.startswith(w):
            return w
    raise CorruptFile("is not a Word document: word/document.xml is not WordprocessingML")


def _optional(package: Package, main: str, kind: str) -> etree._Element | None:
    name = package.related(main, kind) or f"word/{kind}.xml"
    return package.xml(name) if package.has(name) else None


def _blocks(container: etree._Element, ctx: _Context, out: list[Block]) -> None:
    w = ctx.w
    for child in container:
        if child.tag == f"{w}p":
            text = _paragraph(child, ctx)
            if text.strip():
                out.append(Paragraph(text))
        elif child.tag == f"{w}tbl":
            table = _table(child, ctx)
            if any(cell.strip() for row in table.rows for cell in row):
                out.append(table)
        elif child.tag in (f"{w}sdt", f"{w}sdtContent", f"{w}customXml"):
            _blocks(child, ctx, out)


def _paragraph(p: etree._Element, ctx: _Context, *, in_cell: bool = False) -> str:
    parts: list[str] = []
    _inline(p, ctx.w, parts)
    text = "".join(parts)
    label = ctx.numbering.label(p)
    if label and not text.strip() and in_cell:
        return label  # a task table's TT cell numbered by Word: the number is all it shows
    return f"{label} {text.lstrip()}" if label and text.strip() else text


def _inline(node: etree._Element, w: str, parts: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag == f"{w}r":
            _run(child, w, parts)
        elif isinstance(tag, str) and tag.startswith(w) and tag[len(w) :] in _WRAPPERS:
            _inline(child, w, parts)


def _run(run: etree._Element, w: str, parts: list[str]) -> None:
    rpr = run.find(f"{w}rPr")
    caps = rpr is not None and (c := rpr.find(f"{w}caps")) is not None and c.get(f"{w}val") not in _OFF
    out = []
    for child in run:
        tag = child.tag
        if tag == f"{w}t":
            out.append(child.text or "")
        elif tag == f"{w}tab":
            out.append("\t")
        elif tag in (f"{w}br", f"{w}cr"):
            out.append("\n")
        elif tag == f"{w}noBreakHyphen":
            out.append("-")
    text = "".join(out)
    parts.append(text.upper() if caps else text)


def _table(tbl: etree._Element, ctx: _Context) -> Table:
    w = ctx.w
    rows: list[tuple[str, ...]] = []
    above: dict[int, str] = {}  # grid column → the text of the cell above, for vertical merges
    for tr in _children(tbl, f"{w}tr", w):
        grid: list[str] = []
        for tc in _children(tr, f"{w}tc", w):
            tcpr = tc.find(f"{w}tcPr")
            span, merged = 1, False
            if tcpr is not None:
                span_node, vmerge = tcpr.find(f"{w}gridSpan"), tcpr.find(f"{w}vMerge")
                span = _span(span_node.get(f"{w}val") if span_node is not None else None)
                merged = vmerge is not None and vmerge.get(f"{w}val", "continue") == "continue"
            text = above.get(len(grid), "") if merged else _cell(tc, ctx)
            for _ in range(span):
                above[len(grid)] = text
                grid.append(text)
        rows.append(tuple(grid))
    return Table(tuple(rows))


def _cell(tc: etree._Element, ctx: _Context) -> str:
    w = ctx.w
    texts: list[str] = []
    for child in tc:
        if child.tag == f"{w}p":
            texts.append(_paragraph(child, ctx, in_cell=True))
        elif child.tag == f"{w}tbl":
            texts.append(block_text(_table(child, ctx)))
        elif child.tag in (f"{w}sdt", f"{w}customXml"):
            nested: list[Block] = []
            _blocks(child, ctx, nested)
            texts.extend(block_text(b) for b in nested)
    return "\n".join(texts).strip("\n")


def block_text(block: Block) -> str:
    """A block as lines of text: a table's rows with their distinct cells joined by " | "."""
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(" | ".join(_unique(row)) for row in block.rows if any(row))


def _children(node: etree._Element, tag: str, w: str):
    """Children of `node` named `tag`, looking through content controls and custom XML wrappers."""
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag in (f"{w}sdt", f"{w}sdtContent", f"{w}customXml"):
            yield from _children(child, tag, w)


def _unique(row: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for cell in row:
        if cell and (not out or out[-1] != cell):
            out.append(cell)
    return out


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1
