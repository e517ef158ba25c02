from django import template

from hoptac.core.text import nfc as to_nfc

register = template.Library()


@register.filter
def nfc(value) -> str:
    """The value in Unicode NFC: Django's own LANG_INFO spells "Tiếng Việt" decomposed."""
    return to_nfc(str(value))
