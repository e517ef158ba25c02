"""Rows of the busiest pages, rendered in Python.

The plan list, a plan's activities and "our activities" draw 25-100 rows on every view; as template
nodes those rows were most of each page's time, and format_html still a third of it (bench/web.py).
Every value from the database goes through `_e` (django.utils.html.escape), as a template would
escape it; only the markup written here is trusted.
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import escape as _e
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from hoptac.core.choices import choice_labels
from hoptac.orgs.resolver import names_a_group
from hoptac.plans.models import PlanStatus, ProgressState
from hoptac.plans.standing import Standing

register = template.Library()
_DATE = "%d/%m/%Y"


def _date(value) -> str:
    return value.strftime(_DATE) if value else ""


def short_text(text: str, length: int) -> str:
    """As the template filter truncatechars: at most `length` characters, an ellipsis last."""
    return text if len(text) <= length else Truncator(text).chars(length)


def _plan_prefix() -> str:
    """/plans/ as routed, for links built by string: one reverse() a page instead of one a row."""
    return reverse("plans:detail", args=[0]).removesuffix("0/")


@register.simple_tag
def plan_rows(plans) -> SafeString:
    """One <tr> a plan (a dict of plans.selectors.PLAN_ROW_FIELDS): number (linked), date, title,
    issuer, status, activity count."""
    plans = list(plans)
    if not plans:
        # Outside the f-string: xgettext does not read inside one, and `make messages` would miss it.
        empty = _e(gettext("No plans match."))
        return SafeString(f'<tr><td colspan="6">{empty}</td></tr>')
    prefix = _plan_prefix()
    statuses = choice_labels(PlanStatus)
    no_number = gettext("(no number)")
    received = f' <span class="tag">{_e(gettext("received"))}</span>'
    # A phone shows each row as a block without the table's heading: each cell names its column.
    date, issuer, status, count = (
        f' data-label="{_e(label)}"'
        for label in (gettext("Date"), gettext("Issuer"), gettext("Status"), gettext("Activities"))
    )
    rows = [
        f'<tr><td><a href="{prefix}{plan["pk"]}/">{_e(plan["number"] or no_number)}</a></td>'
        f"<td{date}>{_date(plan['issued_on'])}</td><td>{_e(short_text(plan['title'], 140))}</td>"
        f"<td{issuer}>{_e(plan['issuer__short_name'] or plan['issuer__name'])}"
        f"{received if plan['is_received'] else ''}</td>"
        f'<td{status}><span class="status status--{_e(plan["status"])}">'
        f"{_e(statuses.get(plan['status'], plan['status']))}</span></td>"
        f'<td class="number"{count}>{int(plan["activity_count"])}</td></tr>'
        for plan in plans
    ]
    return SafeString("\n".join(rows))


@register.simple_tag
def activity_rows(activities, units) -> SafeString:
    """One <tr> an activity: its title linked into its plan, time, plan number, units with roles
    (`units`: plans.selectors.units_of_activities of these activities)."""
    activities = list(activities)
    if not activities:
        empty = _e(gettext("No activities in this period."))
        return SafeString(f'<tr><td colspan="4">{empty}</td></tr>')
    prefix = _plan_prefix()
    roles = _roles()
    rows = []
    for activity in activities:
        units_shown = "; ".join(
            f"{name} ({roles.get(role, role)})" for name, role in units.get(activity.pk, ())
        )
        window = ""
        if activity.ends_on:
            starts = _date(activity.starts_on) or "…"
            window = f'<br><span class="muted">{starts} – {_date(activity.ends_on)}</span>'
        plan = activity.plan
        rows.append(
            f'<tr><td><a href="{prefix}{activity.plan_id}/#activity-{activity.pk}">{_e(activity.number)} '
            f"{_e(short_text(activity.title, 120))}</a></td>"
            f"<td>{_e(short_text(activity.time_text, 60))}{window}</td>"
            f"<td>{_e(short_text(plan.number or plan.title, 40))}</td><td>{_e(units_shown)}</td></tr>"
        )
    return SafeString("\n".join(rows))


@register.simple_tag
def activity_row(activity, can_edit=False) -> SafeString:
    """An activity (a row of plans/activity_rows.py) as the plan page shows it: number, title, content,
    time, place, units, targets, progress, and the edit link where the user may edit it (the inline
    editor replaces this whole <div>)."""
    words = _words()
    facts = []
    if activity.time_text or activity.starts_on:
        window = ""
        if activity.starts_on or activity.ends_on:
            tentative = f", {words['tentative']}" if activity.is_tentative else ""
            window = (
                f' <span class="muted">({_date(activity.starts_on) or "…"} – '
                f"{_date(activity.ends_on) or '…'}{tentative})</span>"
            )
        facts.append(f"<dt>{words['time']}</dt><dd>{_e(activity.time_text)}{window}</dd>")
    if activity.location:
        facts.append(f"<dt>{words['location']}</dt><dd>{_e(activity.location)}</dd>")
    roles = _roles()
    # Lead units first, as plans write them ("chủ trì", then "phối hợp").
    for assignment in sorted(activity.assignments, key=lambda a: _ROLE_ORDER.get(a.role, 9)):
        unit = assignment.organisation_name
        written = assignment.name_as_written
        if assignment.organisation_id is None and names_a_group(written):
            shown = _e(written)  # "Liên minh HTX các tỉnh": many units, none of them missing
        elif assignment.organisation_id is None:
            shown = f'{_e(written)} <span class="flag">{words["unregistered"]}</span>'
        elif written and written != unit:
            shown = f'{_e(unit)} <span class="muted">({_e(written)})</span>'
        else:
            shown = _e(unit)
        role = _e(roles.get(assignment.role, assignment.role).capitalize())
        facts.append(f"<dt>{role}</dt><dd>{shown}</dd>")
    for quantity in activity.quantities:
        reached = ""
        if quantity.achieved is not None:
            share = f"{quantity.achieved:g}/{quantity.value:g}"
            reached = f' <span class="muted">({_e(words["reached"])} {share})</span>'
        facts.append(f"<dt>{words['target']}</dt><dd>{_e(quantity.text or quantity.value)}{reached}</dd>")
    standing = activity.standing
    if standing:
        states = _progress_states()
        percent = round(activity.rollup_percent)
        label = _e(_standings().get(standing, standing))
        facts.append(
            f"<dt>{words['progress']}</dt><dd>{_e(states.get(activity.progress_state, ''))}, {percent}% "
            f'<span class="standing standing--{_e(standing)}">{label}</span> '
            f'<a href="{id_url("tracking:activity", activity.pk)}">{words["report"]}'
            f'<span class="visually-hidden"> {_e(activity.number)} '
            f"{_e(short_text(activity.title, 40))}</span>"
            "</a></dd>"
        )
    content = ""
    if activity.content:
        lines = "<br>".join(_e(line) for line in activity.content.splitlines())
        content = f'<p class="activity__content">{lines}</p>'
    edit = ""
    if can_edit:
        url = id_url("plans:activity-edit", activity.pk)
        edit = (
            f'<p class="activity__actions"><a href="{url}" hx-get="{url}" hx-target="closest .activity-row" '
            f'hx-swap="outerHTML">{words["edit"]}<span class="visually-hidden"> {_e(activity.number)} '
            f"{_e(short_text(activity.title, 40))}</span></a></p>"
        )
    return SafeString(
        f'<div class="activity-row"><div class="activity__head"><span class="activity__number">'
        f'{_e(activity.number)}</span> <span class="activity__title">{_e(activity.title)}</span></div>'
        f'{content}<dl class="activity__facts">{"".join(facts)}</dl>{edit}</div>'
    )


@register.simple_tag
def activity_moves(activity, csrf_token) -> SafeString:
    """The buttons that move an activity in its plan (up, down, indent, outdent, delete)."""
    url = reverse("plans:activity-move", args=[activity.pk])
    number = _e(activity.number)
    labels = (
        ("up", gettext("Move up")),
        ("down", gettext("Move down")),
        ("indent", gettext("Indent")),
        ("outdent", gettext("Outdent")),
    )
    buttons = [
        f'<button type="submit" name="move" value="{value}" class="link-button">{_e(label)}'
        f'<span class="visually-hidden"> {number}</span></button>'
        for value, label in labels
    ]
    confirm, delete = _e(gettext("Delete this activity and its sub-activities?")), _e(gettext("Delete"))
    buttons.append(
        f'<button type="submit" name="move" value="delete" class="link-button" hx-confirm="{confirm}">'
        f'{delete}<span class="visually-hidden"> {number}</span></button>'
    )
    return SafeString(
        f'<form class="activity__moves" method="post" action="{url}" hx-post="{url}" '
        f'hx-target="#activity-list" hx-swap="outerHTML">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
        f"{''.join(buttons)}</form>"
    )


def id_url(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a route whose only argument is an id, without a reverse() a row."""
    before, after = _url_parts(name, get_script_prefix())
    return f"{before}{pk}{after}"


@lru_cache(maxsize=32)
def _url_parts(name: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(name, args=[987654321]).partition("987654321")
    return before, after


_ROLE_ORDER = {"lead": 0, "coordinating": 1, "informed": 2}


# The words of the rows, translated once per language and process (gettext is a lookup through
# thread-local state: hundreds a page, when each row asked again).
def _roles() -> dict[str, str]:
    return _roles_in(get_language())


@lru_cache(maxsize=8)
def _roles_in(language: str | None) -> dict[str, str]:
    return {"lead": gettext("lead"), "coordinating": gettext("coordinating"), "informed": gettext("informed")}


def _words() -> dict[str, str]:
    return _words_in(get_language())


@lru_cache(maxsize=8)
def _words_in(language: str | None) -> dict[str, str]:
    """The interface words of an activity row, translated and escaped."""
    return {
        "time": _e(gettext("Time")),
        "location": _e(gettext("Location")),
        "tentative": _e(gettext("tentative")),
        "unregistered": _e(gettext("not in the registry")),
        "target": _e(gettext("Target")),
        "edit": _e(gettext("Edit")),
        "progress": _e(gettext("Progress")),
        "report": _e(gettext("Reports and progress")),
        "reached": gettext("reached"),
    }


def _progress_states() -> dict[str, str]:
    return choice_labels(ProgressState)


def _standings() -> dict[str, str]:
    return choice_labels(Standing)


@register.simple_tag
def select_options(choices, chosen) -> SafeString:
    """The <option>s of a filter's <select>, `chosen` (a submitted value, or None) selected: rendered
    here, each option as a template node cost as much as the plan list's rows."""
    chosen = "" if chosen is None else str(chosen)
    return SafeString(
        "".join(
            f'<option value="{_e(value)}"{" selected" if str(value) == chosen else ""}>{_e(label)}</option>'
            for value, label in choices
        )
    )
