from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from hoptac.reminders.errors import InvalidRule
from hoptac.reminders.forms import MuteForm, RuleForm
from hoptac.reminders.selectors import (
    access_notification,
    access_rule,
    mute_setting_of,
    notifications_of,
    rules_alliance,
    rules_of,
    unread_count,
)
from hoptac.reminders.services.notifications import (
    mute_setting_update,
    notification_mark_read,
    notifications_mark_all_read,
    rule_create,
    rule_delete,
    rule_update,
    rules_create_defaults,
)
from hoptac.reminders.texts import rule_summary


@require_http_methods(["GET", "POST"])
@login_required
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """The person's own mutes."""
    # Not `request.POST or None`: unticking every box posts nothing at all, and that is a save too.
    data = request.POST if request.method == "POST" else None
    form = MuteForm(data, instance=mute_setting_of(request.user))
    if request.method == "POST" and form.is_valid():
        mute_setting_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your reminder settings were saved."))
        return redirect("reminders:settings")
    context = {
        "form": form,
        "unread": unread_count(request.user),
        "rules_alliance": rules_alliance(request.user),
    }
    return render(request, "reminders/settings.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET"])
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    notifications = notifications_of(request.user, unread_only=unread_only)
    page = Paginator(notifications, per_page=30).get_page(request.GET.get("page"))
    context = {"page": page, "unread_only": unread_only, "query": "unread=1" if unread_only else ""}
    return render(request, "reminders/notifications.html", context)


@require_POST
@login_required
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(user=request.user, notification_id=notification_id)
    notification_mark_read(notification=notification, by=request.user)
    if request.htmx:
        return render(request, "reminders/notifications.html#notification", {"notification": notification})
    return redirect("reminders:notifications")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    marked = notifications_mark_all_read(user=request.user)
    text = ngettext(
        "%(count)d notification marked as read.", "%(count)d notifications marked as read.", marked
    )
    messages.success(request, text % {"count": marked})
    return redirect("reminders:notifications")


def _own_alliance(request: HttpRequest):
    alliance = rules_alliance(request.user)
    if alliance is None:
        raise PermissionDenied
    return alliance


@require_http_methods(["GET", "POST"])
@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    """The alliance's rules, for its administrators, with a form to add one."""
    alliance = _own_alliance(request)
    form = RuleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            rule_create(alliance=alliance, by=request.user, **form.cleaned_data)
        except InvalidRule as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The rule was added."))
            return redirect("reminders:rules")
    rules = [(rule, rule_summary(rule)) for rule in rules_of(alliance)]
    context = {"alliance": alliance, "rules": rules, "form": form}
    return render(request, "reminders/rules.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = access_rule(user=request.user, rule_id=rule_id)
    form = RuleForm(request.POST if request.method == "POST" else None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            rule_update(rule=rule, by=request.user, **form.cleaned_data)
        except InvalidRule as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The rule was saved."))
            return redirect("reminders:rules")
    return render(
        request, "reminders/rule_edit.html", {"form": form, "rule": rule}, status=400 if form.errors else 200
    )


@require_POST
@login_required
def rule_remove(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule_delete(rule=access_rule(user=request.user, rule_id=rule_id), by=request.user)
    messages.success(request, _("The rule was deleted."))
    return redirect("reminders:rules")


@require_POST
@login_required
def rules_defaults(request: HttpRequest) -> HttpResponse:
    created = rules_create_defaults(alliance=_own_alliance(request), by=request.user)
    text = ngettext("%(count)d default rule was added.", "%(count)d default rules were added.", len(created))
    messages.success(request, text % {"count": len(created)})
    return redirect("reminders:rules")
