"""HTML portal pages → the article's paragraphs and tables, without the page around it.

Portal pages wrap a plan in menus, breadcrumbs, visit counters ("Thống kê truy cập"), share buttons,
comment forms, related posts and footers. Those are dropped by tag and by id/class words; the main
content is then the `article`/`main` element or the element whose class says content/entry/post/detail,
else the element holding the most paragraph text. Its block elements become Paragraphs (a `br` starts
a new one; inline `<strong>` stays inside its line) and each `table` a Table.

Plain lxml, no readability library: on these pages the rules above are enough and stay predictable.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml import html as lxml_html

from hoptac.documents.errors import EmptyFile
from hoptac.documents.model import Block, Paragraph, Table
from hoptac.documents.read.docx import block_text
from hoptac.documents.read.txt import clean_text

# fmt: off
_DROP_TAGS = frozenset((
    "script", "style", "nav", "aside", "form", "iframe", "noscript", "template", "svg", "button", "select",
    "textarea", "input", "object", "embed", "canvas", "video", "audio", "map",
))
# fmt: on
_PAGE_FRAME_TAGS = ("header", "footer")  # dropped unless they sit inside the article
_NOISE = re.compile(
    r"(?:^|[\s_-])(?:menu\w*|nav|navbar|navigation|sidebar|side-bar|footer\w*|breadcrumbs?|share\w*|sharing|"
    r"social\w*|comments?|binh[-_]?luan|related\w*|lien[-_]?quan|counter|visitors?|statistics?|stats|"
    r"thong[-_]?ke|truy[-_]?cap|luot[-_]?xem|banner\w*|advert\w*|ads|quang[-_]?cao|widget\w*|meta|tags|"
    r"toolbar|pager|pagination|popup|modal|cookies?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CONTENT = re.compile(
    r"(?:^|[\s_-])(?:content|entry|post|detail|details|article|news[-_]?content|news[-_]?detail|"
    r"noi[-_]?dung|chi[-_]?tiet|chitiet|noidung|body[-_]?text|main)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Counter lines that some portals print without a class: "Lượt xem: 412", "Hôm nay: 1.204".
_COUNTER_LINE = re.compile(
    r"^(?:lượt xem|lượt truy cập|số lượt truy cập|tổng(?: số)? lượt(?: truy cập)?|đang (?:trực tuyến|online)|"
    r"hôm nay|hôm qua|tuần này|tháng này|tháng \d+|năm nay|online|visitors?|views?)\s*:\s*[\d.,]+$",
    re.IGNORECASE,
)
# fmt: off
_BLOCK_TAGS = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
    "main", "blockquote", "pre", "address", "figure", "figcaption", "center", "header", "footer", "hr",
    "caption", "tbody", "thead", "tfoot",
))
# fmt: on
_CELL_TAGS = ("td", "th")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_MIN_CONTENT_CHARS = 200
NOT_UTF8 = "the page is not UTF-8 and declares no charset; it was read as Windows-1258"
EMPTY = "holds no readable text (an HTML page without content)"


def read_html(data: bytes) -> tuple[list[Block], list[str]]:
    """The main content of an HTML page as Paragraphs and Tables in order, and warnings."""
    text, warnings = decode_html(data)
    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise EmptyFile(EMPTY) from error
    _drop_noise(root)
    main = _main_content(root)
    blocks: list[Block] = []
    _Emitter(blocks).walk(main)
    blocks = [b for b in blocks if not (isinstance(b, Paragraph) and _COUNTER_LINE.match(b.text))]
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise EmptyFile(EMPTY)
    return blocks, warnings


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Bytes of a page → text: its byte order mark, else its declared charset, else UTF-8, else cp1258."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return clean_text(data[len(bom) :].decode(encoding, errors="replace")), []
    declared = _CHARSET.search(data[:8192])
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            return clean_text(data.decode(encoding)), []
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return clean_text(data.decode("utf-8")), []
    except UnicodeDecodeError:
        return clean_text(data.decode("cp1258", errors="replace")), [NOT_UTF8]


def _drop_noise(root: etree._Element) -> None:
    doomed = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _DROP_TAGS or _is_noise(element, tag):  # not tag: a comment
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_noise(element: etree._Element, tag: str) -> bool:
    if tag in _PAGE_FRAME_TAGS:
        return not any(a.tag in ("article", "main") for a in element.iterancestors())
    names = f"{element.get('id', '')} {element.get('class', '')} {element.get('role', '')}"
    return tag not in ("html", "body", "article", "main") and _NOISE.search(names) is not None


def _main_content(root: etree._Element) -> etree._Element:
    body = root.find("body")
    if body is None:
        body = root
    total = _text_length(body)
    lengths = {e: _text_length(e) for e in body.iter() if e is not body and _says_content(e)}
    enough = [e for e, length in lengths.items() if length >= min(_MIN_CONTENT_CHARS, total // 2 or 1)]
    if not enough:
        return _densest(body) if total else body
    main = max(enough, key=lengths.__getitem__)
    # Narrow down to a content element inside it that still holds nearly all of its text: the article's
    # body without the portal's own headline and post details around it.
    while inner := [e for e in enough if lengths[e] >= 0.85 * lengths[main] and _inside(e, main)]:
        main = max(inner, key=lengths.__getitem__)
    return main


def _says_content(element: etree._Element) -> bool:
    if element.tag in ("article", "main"):
        return True
    names = f"{element.get('id', '')} {element.get('class', '')}"
    return isinstance(element.tag, str) and _CONTENT.search(names) is not None


def _inside(element: etree._Element, container: etree._Element) -> bool:
    return any(a is container for a in element.iterancestors())


def _densest(body: etree._Element) -> etree._Element:
    """The element whose paragraph-like children hold the most text (a parent earns half a grandchild's)."""
    score: dict[etree._Element, float] = {}
    for element in body.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "div"):
        length = len(" ".join(element.xpath("text()")).strip()) if element.tag != "br" else 20
        parent = element.getparent()
        if parent is None or not length:
            continue
        score[parent] = score.get(parent, 0) + length
        grandparent = parent.getparent()
        if grandparent is not None:
            score[grandparent] = score.get(grandparent, 0) + length / 2
    densest = max(score, key=lambda e: score[e]) if score else body
    # The rows of a table are not the article: take the table whole, with its header row, and what
    # stands beside it (a schedule page is its title table and its table of rows).
    while densest is not body and densest.tag in _TABLE_PARTS and densest.getparent() is not None:
        densest = densest.getparent()
    return densest


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def _text_length(element: etree._Element) -> int:
    return len("".join(element.itertext()).strip())


class _Emitter:
    """Walks an element in document order, turning block elements into Paragraphs and tables into Tables."""

    def __init__(self, out: list[Block]) -> None:
        self.out = out
        self.line: list[str] = []

    def walk(self, element: etree._Element) -> None:
        self._element(element)
        self._flush()

    def _element(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table":
            self._flush()
            table = _table(element)
            if table.rows:
                self.out.append(table)
        elif tag == "br":
            self._flush()
        elif tag == "pre":
            # Preformatted text keeps its lines and spaces: a document pasted as text, its header
            # and signature laid out in columns of spaces (read by parse/columns.py).
            self._flush()
            self.out.extend(Paragraph(line.rstrip()) for line in "".join(element.itertext()).split("\n"))
        else:
            block = tag in _BLOCK_TAGS or tag in _CELL_TAGS or tag == "tr"
            if block:
                self._flush()
            if element.text:
                self.line.append(element.text)
            for child in element:
                self._element(child)
                if child.tail:
                    self.line.append(child.tail)
            if block:
                self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line.clear()
        if text:
            self.out.append(Paragraph(text))


def _table(table: etree._Element) -> Table:
    """A table's rows of cell texts; a cell's blocks are joined by new lines, a nested table flattened.
    A cell spanning columns (colspan) or rows (rowspan: a day over its five meetings) is repeated in
    each place it covers, so that every row has its cells under their headings."""
    rows = []
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows it still covers below)
    for tr in table.iter("tr"):
        if _nearest_table(tr) is not table:
            continue
        cells: list[str] = []
        for cell in tr:
            if cell.tag not in _CELL_TAGS:
                continue
            _fill_pending(cells, pending)
            inner: list[Block] = []
            _Emitter(inner).walk(cell)
            text = "\n".join(block_text(b) for b in inner)
            down = _span(cell.get("rowspan"), limit=MAX_ROWSPAN) - 1
            for _ in range(_span(cell.get("colspan"), limit=64)):
                if down:
                    pending[len(cells)] = (text, down)
                cells.append(text)
        _fill_pending(cells, pending, to_end=True)
        if cells:
            rows.append(tuple(cells))
    return Table(tuple(rows))


MAX_ROWSPAN = 1000


def _fill_pending(cells: list[str], pending: dict[int, tuple[str, int]], *, to_end: bool = False) -> None:
    """Put the cells that span down from rows above into `cells` where the row reaches them."""
    while len(cells) in pending or (to_end and any(column >= len(cells) for column in pending)):
        column = len(cells)
        if column not in pending:
            cells.append("")  # a gap before a spanning cell further right
            continue
        text, left = pending.pop(column)
        if left > 1:
            pending[column] = (text, left - 1)
        cells.append(text)


def _nearest_table(tr: etree._Element) -> etree._Element | None:
    for ancestor in tr.iterancestors():
        if ancestor.tag == "table":
            return ancestor
    return None


def _span(value: str | None, *, limit: int) -> int:
    try:
        return min(max(int(value or 1), 1), limit)
    except ValueError:
        return 1
