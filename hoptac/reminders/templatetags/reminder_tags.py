from django import template

from hoptac.reminders import selectors

register = template.Library()


@register.simple_tag
def unread_count(user) -> int:
    """`{% load reminder_tags %}{% unread_count user as unread %}`: the user's unread notifications,
    in one query (none for a visitor who is not logged in)."""
    return selectors.unread_count(user)
