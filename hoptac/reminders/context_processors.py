"""What every page's header shows of reminders (registered in settings TEMPLATES)."""

from functools import cache

from django.http import HttpRequest

from hoptac.reminders.selectors import unread_count

# The name under which the user row carries the count (settings.USER_ROW_ANNOTATIONS).
UNREAD_ANNOTATION = "unread_notifications"


def unread_notifications(request: HttpRequest) -> dict:
    """`unread_notifications`: the count of the user's unread notifications, for the header.

    A user loaded by accounts/backends.py carries it already, read in the user's own query
    (`selectors.unread_annotation`), so a page spends no query on it. Any other user (one just logged
    in, a test's) is counted only if a template reads the name, once a request.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread = getattr(user, UNREAD_ANNOTATION, None)
    if unread is not None:
        return {"unread_notifications": unread}
    # A callable: the template calls it when, and only if, it reads the name.
    return {"unread_notifications": cache(lambda: unread_count(user))}
