"""What a template may offer a user: the same rules the views check (plans/selectors.py), so that no
menu item or button leads to a 403."""

from django import template

from hoptac.plans.selectors import can_import

register = template.Library()


@register.filter
def may_import(user) -> bool:
    """The user may import and write plans (the menu's "Import", "Write a new plan")."""
    return user.is_authenticated and can_import(user)
