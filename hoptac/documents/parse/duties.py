"""Duties assigned body by body: the work of a letter, a notice or a decision that has no work sections.

    1. Sở Công Thương                                        a numbered heading that names a body
    - Chủ trì theo dõi, đôn đốc các chủ đầu tư ...           each bullet is one piece of its work
    - Định kỳ hằng quý tổng hợp, báo cáo ...
    2. Sở Xây dựng
    Tập trung hướng dẫn cấp xã, phường ...                  or one paragraph, without a bullet
    8. Các Sở, ban, ngành thuộc tỉnh ... chủ động tổ chức     or the item itself, its body the subject

Every piece of work is an activity led by the body its heading names (or the bodies its own
sentence opens with); "phối hợp với ..." in it names the coordinating ones. A document is read this
way only when at least two of its numbered items are such headings.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hoptac.documents.model import Activity
from hoptac.documents.parse.activities import (
    node_activity,
    split_title,
    subject_lead,
    unlabelled_coordinating,
)
from hoptac.documents.parse.dates import YearContext
from hoptac.documents.parse.lines import Item
from hoptac.documents.parse.outline import Node, build_nodes
from hoptac.documents.parse.timephrase import find_time
from hoptac.documents.parse.unit_lists import cut_at_clause, split_units
from hoptac.documents.parse.units import is_unit_name

MIN_HEADINGS = 2
MAX_HEADING_CHARS = 90
MAX_ADDRESSED_CHARS = 160  # "Trách nhiệm của các tổ chức, doanh nghiệp hoạt động trong lĩnh vực ..."
_BULLET = re.compile(r"^[-+•–]\s*")
_ADDRESSED = re.compile(
    r"^(?:(?:Yêu\s+cầu|Nhiệm\s+vụ|Trách\s+nhiệm)(?:\s+chung)?\s+(?:đối\s+với|của)|Đối\s+với)\s+",
    re.IGNORECASE,
)
_REQUEST = re.compile(r"^(?:Đề\s+nghị|Giao|Yêu\s+cầu)\s+", re.IGNORECASE)


def duty_activities(body: list[Item], *, year: YearContext) -> list[Activity]:
    """The activities of a document that assigns its work body by body, or [] when it does not."""
    nodes, _ = build_nodes(body)
    nodes = [n for node in nodes for n in ([node] if not _is_container(node) else node.children)]
    headed = [n for n in nodes if _heading_units(n.text)]
    if len(headed) < MIN_HEADINGS:
        return []
    activities: list[Activity] = []
    for index, node in enumerate(nodes):
        units = _heading_units(node.text)
        if units:
            last = index == len(nodes) - 1
            activities += [_duty(text, units, year=year) for text in _pieces(node, last=last)]
        elif (lead := subject_lead(_REQUEST.sub("", node.text))) and (
            found := node_activity(node, year=year)
        ):
            activities.append(replace(found, lead=tuple(lead)))
    return [a for a in activities if a.title]


def _is_container(node: Node) -> bool:
    """ "II. NHIỆM VỤ, GIẢI PHÁP ..." numbered like an item: its children are the items."""
    return bool(node.children) and not _heading_units(node.text) and len(node.children) >= MIN_HEADINGS


def _heading_units(text: str) -> list[str]:
    """The bodies a numbered heading names ("Sở Công Thương", "UBND các xã, phường:"), or []
    when the heading is a sentence of work."""
    heading = text.strip(" .:;")
    if not heading:
        return []
    if addressed := _ADDRESSED.match(heading):  # "Yêu cầu đối với các tổ chức, cá nhân ...": whom
        rest = heading[addressed.end() :].strip()
        return [rest] if len(rest) <= MAX_ADDRESSED_CHARS and is_unit_name(rest) else []
    if len(heading) > MAX_HEADING_CHARS:
        return []
    heading = _REQUEST.sub("", heading)  # "Đề nghị UBND các xã, phường"
    if not is_unit_name(heading):
        return []
    if len(cut_at_clause(heading)) < len(heading):
        return []  # a verb follows the name: "Sở Tài chính tổng hợp ..." is work, not a heading
    return split_units(heading)


def _pieces(node: Node, *, last: bool) -> list[str]:
    """The pieces of work under a heading: its bullets, else its sub-items, else its paragraphs (under
    the last heading only the first: what follows it is the letter's closing)."""
    lines = [item for item in node.body if isinstance(item, str)]
    bullets = [_BULLET.sub("", line) for line in lines if _BULLET.match(line)]
    if bullets:
        return bullets
    pieces = [child.text for child in node.children]
    return pieces or (lines[:1] if last else lines)


def _duty(text: str, units: list[str], *, year: YearContext) -> Activity:
    title, _ = split_title(text)
    coordinating = unlabelled_coordinating(text)
    return Activity(
        number=None,
        title=title,
        content=text if title != text else None,
        time=find_time(text, year=year),
        lead=tuple(units),  # the heading names who does it, whoever the sentence opens with
        coordinating=tuple(c for c in coordinating if c not in units),
    )
