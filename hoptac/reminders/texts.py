"""The words of a reminder: its subject, its text and its link, in the interface's language.

The worker has no request, hence no language of its own: reminders are written in LANGUAGE_CODE
(Vietnamese), whatever language the process happens to have active.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hoptac.core.text import nfc
from hoptac.plans.models import Activity
from hoptac.reminders.models import ReminderRule, RuleKind, Weekday
from hoptac.reminders.selectors import DueReminder

_DATE = "%d/%m/%Y"


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str
    url: str


def _date(day: date | None) -> str:
    return day.strftime(_DATE) if day else ""


def _title(activity: Activity) -> str:
    return Truncator(" ".join(activity.title.split())).chars(90)


def _time(activity: Activity) -> str:
    """The time as the plan wrote it, with the dates it was read as: "Tháng 4/2024 (01/04/2024 –
    30/04/2024)" says which month, and that the 1st is only where the month begins."""
    dates = " – ".join(dict.fromkeys(d for d in (_date(activity.starts_on), _date(activity.ends_on)) if d))
    written = " ".join(activity.time_text.split())
    text = f"{written} ({dates})" if written and dates else written or dates
    if activity.is_tentative:
        text += " " + _("(tentative)")
    return text


def _link(path: str) -> str:
    # E-mail needs an absolute link; SITE_URL ("https://hoptac.example.vn") gives its start.
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def rule_summary(rule: ReminderRule) -> str:
    """What a rule does, in a few words: "3 days before the start", "weekly digest on Monday"."""
    if rule.kind == RuleKind.BEFORE_START:
        if rule.days == 0:
            return _("on the day it starts")
        return ngettext("%(days)d day before the start", "%(days)d days before the start", rule.days) % {
            "days": rule.days
        }
    if rule.kind == RuleKind.BEFORE_END:
        if rule.days == 0:
            return _("on the day it ends")
        return ngettext("%(days)d day before the end", "%(days)d days before the end", rule.days) % {
            "days": rule.days
        }
    if rule.kind == RuleKind.OVERDUE:
        return _("the day after its end, when not done")
    return _("weekly digest on %(weekday)s") % {"weekday": Weekday(rule.weekday).label}


def _intro(reminder: DueReminder) -> str:
    activity, days = reminder.activity, reminder.rule.days
    if reminder.kind == RuleKind.BEFORE_START:
        if days == 0:
            return _("The activity below starts today, %(date)s.") % {"date": _date(activity.starts_on)}
        return ngettext(
            "The activity below starts in %(days)d day, on %(date)s.",
            "The activity below starts in %(days)d days, on %(date)s.",
            days,
        ) % {"days": days, "date": _date(activity.starts_on)}
    if reminder.kind == RuleKind.BEFORE_END:
        if days == 0:
            return _("The activity below ends today, %(date)s.") % {"date": _date(activity.ends_on)}
        return ngettext(
            "The activity below ends in %(days)d day, on %(date)s.",
            "The activity below ends in %(days)d days, on %(date)s.",
            days,
        ) % {"days": days, "date": _date(activity.ends_on)}
    return _(
        "The activity below was due by %(date)s and is not reported done. Report its progress, or tell "
        "the unit in charge why it is late."
    ) % {"date": _date(activity.ends_on)}


def _subject(reminder: DueReminder) -> str:
    if reminder.activity is None:
        return _("Your activities for the week of %(date)s") % {"date": _date(reminder.due_on)}
    values = {"title": _title(reminder.activity)}
    if reminder.kind == RuleKind.BEFORE_START:
        return _("Starting on %(date)s: %(title)s") % {**values, "date": _date(reminder.activity.starts_on)}
    if reminder.kind == RuleKind.BEFORE_END:
        return _("Ending on %(date)s: %(title)s") % {**values, "date": _date(reminder.activity.ends_on)}
    return _("Overdue: %(title)s") % values


def _activity_lines(activity: Activity) -> list[str]:
    plan = activity.plan
    return [
        _("Activity: %(title)s") % {"title": " ".join(f"{activity.number} {activity.title}".split())},
        _("Plan: %(plan)s") % {"plan": " ".join(f"{plan.number} {plan.title}".split())},
        _("Time: %(time)s") % {"time": _time(activity)},
    ]


def _digest_lines(reminder: DueReminder) -> list[str]:
    lines = [_("Your activities for the week of %(date)s:") % {"date": _date(reminder.due_on)}]
    sections = (
        (_("Overdue"), reminder.digest.overdue),
        (_("Ending within 7 days"), reminder.digest.ending),
        (_("Starting within 7 days"), reminder.digest.starting),
    )
    for heading, activities in sections:
        if activities:
            lines += ["", f"{heading} ({len(activities)})"]
            lines += [f"- {_title(a)} ({a.plan.number}): {_time(a)}" for a in activities]
    return lines


def reminder_wording(reminder: DueReminder) -> Wording:
    with translation.override(settings.LANGUAGE_CODE):
        name = reminder.recipient.get_full_name() or reminder.recipient.username
        if reminder.activity is None:
            path = reverse("plans:my-activities") + "?when=week"
            middle = _digest_lines(reminder)
        else:
            path = reverse("plans:activity", args=[reminder.activity.pk])
            middle = [_intro(reminder), "", *_activity_lines(reminder.activity)]
        lines = [
            _("Dear %(name)s,") % {"name": name},
            "",
            *middle,
            "",
            _("Open it in hoptac: %(url)s") % {"url": _link(path)},
            "",
            _(
                "You receive this reminder because you or your unit lead or coordinate the activities "
                "above. To receive fewer reminders, change your reminder settings: %(url)s"
            )
            % {"url": _link(reverse("reminders:settings"))},
        ]
        return Wording(subject=nfc(_subject(reminder))[:255], body=nfc("\n".join(lines)), url=path)
