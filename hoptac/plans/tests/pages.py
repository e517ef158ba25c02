"""Reading what a list page shows from its HTML, as a user would see it (its rows may come from the
fragment cache, so the response's context is not the way)."""

import html
import re

from hoptac.plans.models import Plan

_PLAN_ROW = re.compile(r'<tr><td><a href="/plans/(\d+)/">')
_COUNT = re.compile(r'<p class="muted">(\d+) kế hoạch</p>')


def listed_plans(response) -> list[Plan]:
    ids = [int(pk) for pk in _PLAN_ROW.findall(response.content.decode())]
    plans = Plan.objects.in_bulk(ids)
    return [plans[pk] for pk in ids]


def plans_counted(response) -> int:
    return int(_COUNT.search(response.content.decode()).group(1))


class Found:
    """What the search page lists, by kind, as the text of each item's title (HTML tags removed)."""

    def __init__(self, response):
        page = response.content.decode()
        self.plans = _items(page, "found-plans", r'<a href="/plans/\d+/">[^<]*</a>\s*(.*?)</li>')
        self.activities = _items(
            page, "found-activities", r'<a href="/plans/\d+/#activity-\d+">(?:[^ <]* )?(.*?)</a>'
        )
        self.organisations = _items(page, "found-units", r"<li>(.*?)(?: <span|</li>)")


def _items(page: str, list_id: str, item: str) -> list[str]:
    block = re.search(rf'<ul class="plain" id="{list_id}">(.*?)</ul>', page, re.S)
    if not block:
        return []
    return [
        html.unescape(re.sub(r"\s+", " ", text)).strip() for text in re.findall(item, block.group(1), re.S)
    ]
