"""Task tables in any column order, with any of the header words offices use, merged group rows and
a column-number row, in three representations: a Word/HTML table, markdown pipes, and a legal
library's one-cell-at-a-time layout. Also hostile tables: thousands of rows, numbering that refers
to itself."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoptac.documents import parse_bytes, parse_text
from hoptac.documents.model import Table
from hoptac.documents.parse.activities import table_activities

HEADINGS = {
    "number": ["TT", "STT", "Số TT"],
    "title": ["Nội dung", "Nhiệm vụ", "Tên nhiệm vụ", "Nội dung công việc", "Công việc"],
    "lead": ["Đơn vị chủ trì", "Cơ quan chủ trì", "Chủ trì tham mưu", "Đơn vị chủ trì thực hiện"],
    "coordinating": ["Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"],
    "time": ["Thời gian", "Thời hạn", "Tiến độ", "Thời gian thực hiện"],
    "product": ["Sản phẩm", "Kết quả", "Sản phẩm dự kiến"],
    "note": ["Ghi chú"],
}
TITLES = ["Tổ chức hội nghị sơ kết", "Tuyên truyền Luật Hợp tác xã", "Rà soát hợp tác xã yếu kém", "Tập huấn"]
LEADS = ["Văn phòng", "Ban Tư vấn - Hỗ trợ", "Sở Tài chính", "UBND các xã, phường"]
PARTNERS = ["Các Ban", "Sở Nội vụ", "Báo và Phát thanh, Truyền hình tỉnh"]
TIMES = [("Tháng 4/2026", "2026-04-01", "2026-04-30"), ("Quý III/2026", "2026-07-01", "2026-09-30")]


@st.composite
def task_tables(draw):
    roles = draw(st.permutations(["title", "lead", "coordinating", "time", "product", "note"]))
    roles = ["number", *roles[: draw(st.integers(3, 6))]]
    if "title" not in roles:
        roles[1] = "title"
    if not {"lead", "coordinating", "time"} & set(roles):  # a task table names who or when
        spare = max(i for i, role in enumerate(roles) if role not in ("number", "title"))
        roles[spare] = draw(st.sampled_from(["lead", "coordinating", "time"]))
    header = [draw(st.sampled_from(HEADINGS[role])) for role in roles]
    count = draw(st.integers(1, 8))
    rows, expected = [], []
    if draw(st.booleans()):  # "(1) | (2) | (3)" under the header
        rows.append([f"({n})" for n in range(1, len(roles) + 1)])
    group = draw(st.booleans())
    if group:  # "I | CÔNG TÁC TUYÊN TRUYỀN" merged across the row
        rows.append(["I", *(["CÔNG TÁC TUYÊN TRUYỀN"] * (len(roles) - 1))])
    for index in range(count):
        values = {
            "number": str(index + 1),
            "title": f"{draw(st.sampled_from(TITLES))} lần {index + 1}",
            "lead": draw(st.sampled_from(LEADS)),
            "coordinating": draw(st.sampled_from(PARTNERS)),
            "time": draw(st.sampled_from(TIMES))[0],
            "product": "Báo cáo",
            "note": "",
        }
        rows.append([values[role] for role in roles])
        expected.append(values)
    return header, rows, roles, expected, group


def _check(activities, roles, expected, group):
    if group:
        (parent,) = activities
        activities = parent.children
    assert [a.title for a in activities] == [e["title"] for e in expected]
    for activity, values in zip(activities, expected, strict=True):
        if "lead" in roles:
            assert activity.lead == (values["lead"],)
        if "coordinating" in roles:
            assert activity.coordinating == (values["coordinating"],)
        if "time" in roles:
            start, end = next((s, e) for t, s, e in TIMES if t == values["time"])
            assert (str(activity.time.start), str(activity.time.end)) == (start, end)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(task_tables())
def test_a_table_reads_one_activity_a_row_in_any_column_order(table):
    header, rows, roles, expected, group = table
    _check(table_activities(Table((tuple(header), *map(tuple, rows))), year=None), roles, expected, group)


@SETTINGS
@given(task_tables())
def test_the_same_table_as_markdown_pipes_reads_the_same(table):
    header, rows, roles, expected, group = table
    lines = ["KẾ HOẠCH", "II. NỘI DUNG", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    _check(parse_text("\n".join(lines)).activities, roles, expected, group)


@SETTINGS
@given(task_tables())
def test_the_same_table_one_cell_at_a_time_between_pipes_reads_the_same(table):
    header, rows, roles, expected, group = table
    lines = ["KẾ HOẠCH", "II. NỘI DUNG", "|"]
    for row in [header, *rows]:
        for cell in row:
            words = cell.split()  # each cell hard-wrapped after its second word, as the copies do
            lines += [" ".join(words[:2]), " ".join(words[2:])] if len(words) > 2 else [cell]
            lines.append("|")
        lines.append("|")
    _check(parse_text("\n".join(lines)).activities, roles, expected, group)


def test_a_table_of_5000_rows_reads_whole_and_fast():
    rows = ["| TT | Nội dung | Thời gian | Đơn vị chủ trì |", "|---|---|---|---|"]
    rows += [f"| {n} | Việc số {n} | Tháng 5/2026 | Văn phòng |" for n in range(1, 5001)]
    reading = parse_text("KẾ HOẠCH\nII. NỘI DUNG\n" + "\n".join(rows))
    assert len(reading.activities) == 5000
    assert reading.activities[-1].title == "Việc số 5000"


def test_numbering_definitions_that_refer_to_themselves_do_not_loop():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering = (
        f'<w:numbering xmlns:w="{w}">'
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Loop"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1%1%1."/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        "</w:numbering>"
    )
    styles = (
        f'<w:styles xmlns:w="{w}"><w:style w:type="numbering" w:styleId="Loop">'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'
    )
    paragraph = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>'
    body = "".join(paragraph.format(n=n, t=t) for n, t in [(1, "Việc một"), (2, "Việc hai"), (1, "Việc ba")])
    document = f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="n" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
        z.writestr("word/styles.xml", styles)
    reading = parse_bytes(buffer.getvalue(), name="loop.docx")
    assert reading.kind == "plan"  # read, numbering and all, without hanging or failing
