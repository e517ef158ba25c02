"""The messages a page asks the Vietnamese catalogue for and does not find there, so they fall back to
English: an untranslated or fuzzy entry, or a msgid nobody collected with `make messages`."""

import contextlib
import re
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.urls import get_resolver
from django.utils.translation import trans_real
from django.utils.translation.trans_real import CONTEXT_SEPARATOR

_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[sd]")


def needs_translation(message: str) -> bool:
    """Not the languages' own names, which the switcher shows as written ("Tiếng Việt"), nor a message
    with no word besides its placeholders (Django's "%(truncated_text)s…")."""
    text = message.split(CONTEXT_SEPARATOR)[-1]
    if text in dict(settings.LANGUAGES).values():
        return False
    return re.search(r"[^\W\d_]", _PLACEHOLDER.sub("", text)) is not None


@contextlib.contextmanager
def untranslated_messages(language: str = "vi") -> Iterator[set[str]]:
    """Within the block, every msgid (written "context | msgid" when it has one) that a translation
        of `language` missed is added to the set it yields. The cache is cleared first: a fragment cached
        earlier would be served without asking for its messages, and the URLconf is loaded first: modules
    that translate a message when imported (Django's auth forms) would otherwise count on the first page."""
    translation = trans_real.translation(language)
    catalog, gettext, ngettext = translation._catalog, translation.gettext, translation.ngettext
    missing: set[str] = set()

    def recorded(message: str) -> str:
        return message.replace(CONTEXT_SEPARATOR, " | ")

    def checked_gettext(message):
        if message not in catalog and needs_translation(message):
            missing.add(recorded(message))
        return gettext(message)

    def checked_ngettext(singular, plural, n):
        try:
            catalog.plural(singular, n)
        except KeyError:
            if needs_translation(singular):
                missing.add(recorded(singular))
        return ngettext(singular, plural, n)

    cache.clear()
    get_resolver().url_patterns  # noqa: B018 (imports every view first: modules translating at import)
    translation.gettext, translation.ngettext = checked_gettext, checked_ngettext
    try:
        yield missing
    finally:
        del translation.gettext, translation.ngettext
