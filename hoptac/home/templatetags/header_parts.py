"""The parts of every page's header that cost most to draw (about 1 ms of a 2 ms cached page): the
menu and the language buttons, kept per user and language under the user row's own generations
(docs/adr/0025: a notification, a changed role or a renamed unit raises them). The forms around them,
with their CSRF token and the page's address, are drawn on every page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from hoptac.core.generation import cached_value

register = template.Library()
PARTS = ("nav-links", "language-buttons")


@register.simple_tag(takes_context=True)
def header_part(context, name: str) -> SafeString:
    if name not in PARTS:
        raise template.TemplateSyntaxError(f"no header part {name!r}")
    user = context.get("user")
    values = {"user": user, "unread_notifications": context.get("unread_notifications")}

    def render() -> str:
        return render_to_string(f"_header_parts.html#{name}", values)

    generation = getattr(user, "row_generation", None)
    if generation is None:  # not loaded by our backend, or anonymous: drawn each time
        return mark_safe(render())
    return mark_safe(cached_value("header", name, user.pk, compute=render, generation=generation))
