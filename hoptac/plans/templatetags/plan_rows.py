"""Table rows of the busiest lists, rendered in Python.

The plan list and "our activities" draw 25-50 rows on every view; as template nodes those rows were
most of the page's time (bench/web.py). format_html escapes every value as the template would.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext

from hoptac.plans.models import PlanStatus

register = template.Library()
_DATE = "%d/%m/%Y"


def _date(value) -> str:
    return value.strftime(_DATE) if value else ""


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else Truncator(text).chars(length)


@register.simple_tag
def plan_rows(plans) -> SafeString:
    """One <tr> a plan: number (linked), date, title, issuer, status, activity count."""
    plans = list(plans)
    if not plans:
        return format_html('<tr><td colspan="6">{}</td></tr>', gettext("No plans match."))
    prefix = reverse("plans:detail", args=[0]).removesuffix("0/")
    statuses = dict(PlanStatus.choices)
    no_number = gettext("(no number)")
    return format_html_join(
        "\n",
        '<tr><td><a href="{}{}/">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
        '<td><span class="status status--{}">{}</span></td><td class="number">{}</td></tr>',
        (
            (
                prefix,
                plan.pk,
                plan.number or no_number,
                _date(plan.issued_on),
                _short(plan.title, 140),
                plan.issuer.short_name or plan.issuer.name,
                plan.status,
                statuses.get(plan.status, plan.status),
                plan.activity_count,
            )
            for plan in plans
        ),
    )


@register.simple_tag
def activity_rows(activities) -> SafeString:
    """One <tr> an activity: its title linked into its plan, time, plan number, units with roles."""
    activities = list(activities)
    if not activities:
        return format_html('<tr><td colspan="4">{}</td></tr>', gettext("No activities in this period."))
    prefix = reverse("plans:detail", args=[0]).removesuffix("0/")
    roles = {
        "lead": gettext("lead"),
        "coordinating": gettext("coordinating"),
        "informed": gettext("informed"),
    }
    rows = []
    for activity in activities:
        units = "; ".join(
            f"{a.organisation.name} ({roles.get(a.role, a.role)})"
            for a in activity.assignments.all()
            if a.organisation
        )
        window = ""
        if activity.ends_on:
            window = format_html(
                '<br><span class="muted">{} – {}</span>',
                _date(activity.starts_on) or "…",
                _date(activity.ends_on),
            )
        rows.append(
            format_html(
                '<tr><td><a href="{}{}/#activity-{}">{} {}</a></td><td>{}{}</td><td>{}</td><td>{}</td></tr>',
                prefix,
                activity.plan_id,
                activity.pk,
                activity.number,
                _short(activity.title, 120),
                _short(activity.time_text, 60),
                window,
                _short(activity.plan.number or activity.plan.title, 40),
                units,
            )
        )
    return SafeString("\n".join(rows))


@register.simple_tag
def activity_row(activity, can_edit=False) -> SafeString:
    """An activity as the plan page shows it: number, title, content, time, place, units, targets, and
    the edit link where the user may edit it (the inline editor replaces this whole <div>)."""
    facts = []
    if activity.time_text or activity.starts_on:
        window = ""
        if activity.starts_on or activity.ends_on:
            tentative = format_html(", {}", gettext("tentative")) if activity.is_tentative else ""
            window = format_html(
                ' <span class="muted">({} – {}{})</span>',
                _date(activity.starts_on) or "…",
                _date(activity.ends_on) or "…",
                tentative,
            )
        facts.append(format_html("<dt>{}</dt><dd>{}{}</dd>", gettext("Time"), activity.time_text, window))
    if activity.location:
        facts.append(format_html("<dt>{}</dt><dd>{}</dd>", gettext("Location"), activity.location))
    for assignment in activity.assignments.all():
        role = assignment.get_role_display().capitalize()
        unit = assignment.organisation
        if unit is None:
            shown = format_html(
                '{} <span class="flag">{}</span>', assignment.name_as_written, gettext("not in the registry")
            )
        elif assignment.name_as_written and assignment.name_as_written != unit.name:
            shown = format_html('{} <span class="muted">({})</span>', unit.name, assignment.name_as_written)
        else:
            shown = format_html("{}", unit.name)
        facts.append(format_html("<dt>{}</dt><dd>{}</dd>", role, shown))
    for quantity in activity.quantities.all():
        facts.append(
            format_html("<dt>{}</dt><dd>{}</dd>", gettext("Target"), quantity.text or quantity.value)
        )
    content = ""
    if activity.content:
        content = format_html(
            '<p class="activity__content">{}</p>', linebreaksbr(activity.content, autoescape=True)
        )
    edit = ""
    if can_edit:
        url = reverse("plans:activity-edit", args=[activity.pk])
        edit = format_html(
            '<p class="activity__actions"><a href="{}" hx-get="{}" hx-target="closest .activity-row" '
            'hx-swap="outerHTML">{}<span class="visually-hidden"> {} {}</span></a></p>',
            url,
            url,
            gettext("Edit"),
            activity.number,
            _short(activity.title, 40),
        )
    return format_html(
        '<div class="activity-row"><div class="activity__head"><span class="activity__number">{}</span> '
        '<span class="activity__title">{}</span></div>{}<dl class="activity__facts">{}</dl>{}</div>',
        activity.number,
        activity.title,
        content,
        SafeString("".join(facts)),
        edit,
    )


@register.simple_tag
def activity_moves(activity, csrf_token) -> SafeString:
    """The buttons that move an activity in its plan (up, down, indent, outdent, delete)."""
    url = reverse("plans:activity-move", args=[activity.pk])
    labels = (
        ("up", gettext("Move up")),
        ("down", gettext("Move down")),
        ("indent", gettext("Indent")),
        ("outdent", gettext("Outdent")),
    )
    buttons = [
        format_html(
            '<button type="submit" name="move" value="{}" class="link-button">{}'
            '<span class="visually-hidden"> {}</span></button>',
            value,
            label,
            activity.number,
        )
        for value, label in labels
    ]
    buttons.append(
        format_html(
            '<button type="submit" name="move" value="delete" class="link-button" hx-confirm="{}">{}'
            '<span class="visually-hidden"> {}</span></button>',
            gettext("Delete this activity and its sub-activities?"),
            gettext("Delete"),
            activity.number,
        )
    )
    return format_html(
        '<form class="activity__moves" method="post" action="{}" hx-post="{}" hx-target="#activity-list" '
        'hx-swap="outerHTML"><input type="hidden" name="csrfmiddlewaretoken" value="{}">{}</form>',
        url,
        url,
        csrf_token,
        SafeString("".join(buttons)),
    )
