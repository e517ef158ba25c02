"""Badges, progress figures and the server-rendered SVG charts of tracking pages."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from hoptac.core.choices import choice_labels
from hoptac.plans.models import PlanStatus
from hoptac.plans.standing import Standing
from hoptac.plans.templatetags.plan_rows import id_url, short_text
from hoptac.tracking.charts import split_bar

register = template.Library()


@register.simple_tag
def standing_badge(standing: str) -> SafeString:
    label = choice_labels(Standing).get(standing, standing)
    return format_html('<span class="standing standing--{}">{}</span>', standing, label)


@register.simple_tag
def work_list(activities, empty="") -> SafeString:
    """The activities of a "my work" list, one <li> each: title linked to its tracking page, standing,
    time, plan and percent. Written here, as the plan page's rows are (plans/templatetags/plan_rows.py):
    sixty rows as template nodes were most of the page's time."""
    if not activities:
        return format_html("<p>{}</p>", empty) if empty else SafeString("")
    labels = choice_labels(Standing)
    until, tentative = escape(gettext("until")), escape(gettext("tentative"))
    items = []
    for activity in activities:
        standing = activity.standing
        label = escape(labels.get(standing, standing))
        badge = f'<span class="standing standing--{escape(standing)}">{label}</span>'
        window = ""
        if activity.ends_on:
            maybe = f", {tentative}" if activity.is_tentative else ""
            window = f" ({until} {activity.ends_on:%d/%m/%Y}{maybe})"
        plan = activity.plan
        percent = f" · {int(activity.percent)}%" if activity.percent else ""
        items.append(
            f'<li><a href="{id_url("tracking:activity", activity.pk)}">{escape(activity.number)} '
            f"{escape(short_text(activity.title, 100))}</a>\n"
            f"    {badge}\n"
            f'    <span class="muted">{escape(short_text(activity.time_text, 50))}{window} · '
            f"{escape(short_text(plan.number or plan.title, 40))}{percent}</span></li>"
        )
    return SafeString(f'<ul class="plain work-list">{"".join(items)}</ul>')


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


def _percent(value) -> str:
    return "" if value is None else f"{float(value):.0f}%"


@register.simple_tag
def dashboard_plan_rows(plans) -> SafeString:
    """The dashboard's rows by plan (number linked, title, percent done, split), drawn in Python: 50-100
    rows of template nodes and a chart each were half the page's time uncached. Every value escaped."""
    no_number = gettext("(no number)")
    rows = []
    for plan in plans:
        title = plan.title if len(plan.title) <= 80 else plan.title[:79] + "…"
        number = escape(plan.number or no_number)
        rows.append(
            f'<tr><td><a href="{id_url("plans:detail", plan.pk)}">{number}</a> {escape(title)}</td>'
            f'<td class="number">{_percent(plan.progress_percent)}</td>'
            f"<td>{split_bar(plan.split, label=plan.number)}</td></tr>"
        )
    if not rows:
        rows.append(f'<tr><td colspan="3">{escape(gettext("No plans being carried out."))}</td></tr>')
    return SafeString("".join(rows))


@register.simple_tag
def national_rows(rows) -> SafeString:
    """The national table's rows (dashboards.NationalRow): alliance, its implementing plan with its
    status, issue date, percent done, overdue count and split; drawn in Python as the dashboard's."""
    no_number, no_plan = escape(gettext("(no number)")), escape(gettext("No implementing plan yet"))
    statuses = choice_labels(PlanStatus)
    cells = []
    for row in rows:
        name = escape(row.alliance.name)
        plan = row.plan
        if plan is None:
            cells.append(f'<tr><th scope="row">{name}</th><td colspan="5" class="muted">{no_plan}</td></tr>')
            continue
        number = escape(plan.number) if plan.number else no_number
        status = escape(plan.status)
        issued = f"{plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
        status_label = escape(statuses.get(plan.status, plan.status))
        chart = split_bar(row.split, label=row.alliance.name)
        cells.append(
            f'<tr><th scope="row">{name}</th><td><a href="{id_url("plans:detail", plan.pk)}">{number}</a> '
            f'<span class="status status--{status}">{status_label}</span></td>'
            f'<td>{issued}</td><td class="number">{floatformat(row.progress, "0")}%</td>'
            f'<td class="number">{int(row.overdue)}</td><td>{chart}</td></tr>'
        )
    return SafeString("\n".join(cells))


@register.simple_tag
def dashboard_unit_rows(units) -> SafeString:
    """The dashboard's rows by lead unit: name, percent done, overdue, split."""
    rows = [
        f'<tr><td>{escape(unit.name)}</td><td class="number">{_percent(percent)}</td>'
        f'<td class="number">{split.get(Standing.OVERDUE, 0)}</td>'
        f"<td>{split_bar(split, label=unit.name)}</td></tr>"
        for unit, split, percent in units
    ]
    if not rows:
        rows.append(f'<tr><td colspan="4">{escape(gettext("No lead units."))}</td></tr>')
    return SafeString("".join(rows))
