"""Badges, progress figures and the server-rendered SVG charts of tracking pages."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from hoptac.plans.standing import Standing
from hoptac.tracking.charts import split_bar

register = template.Library()


@register.simple_tag
def standing_badge(standing: str) -> SafeString:
    label = dict(Standing.choices).get(standing, standing)
    return format_html('<span class="standing standing--{}">{}</span>', standing, label)


@register.simple_tag
def quantity_progress(quantity) -> SafeString:
    """ "158 / 200 tin bài" with a bar; the target alone while nothing was reported."""
    target = quantity.text or f"{quantity.value:g} {quantity.unit}"
    if quantity.achieved is None:
        return format_html("{}", target)
    share = min(100, round(float(quantity.achieved) / float(quantity.value) * 100)) if quantity.value else 0
    return format_html(
        '{} / {} {} <meter min="0" max="100" value="{}" aria-label="{}">{}%</meter> '
        '<span class="muted">({})</span>',
        f"{quantity.achieved:g}",
        f"{quantity.value:g}",
        quantity.unit,
        share,
        escape(gettext("share of the target reached")),
        share,
        target,
    )


@register.simple_tag
def split_chart(split: dict, label: str = "") -> SafeString:
    return split_bar(split, label=label)
