"""The Vietnamese catalogue is complete, in NFC, and the committed django.mo matches django.po."""

import ast
import gettext
import re
import unicodedata
from pathlib import Path

CATALOGUE = Path(__file__).parents[1] / "locale" / "vi" / "LC_MESSAGES"
_ENTRY = re.compile(r'^(?:msgctxt ((?:".*"\n)+))?msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)
_PLURAL = re.compile(
    r'^msgid ((?:".*"\n)+)msgid_plural (?:".*"\n)+((?:msgstr\[\d\] (?:".*"\n)+)+)', re.MULTILINE
)
_PLURAL_FORM = re.compile(r'msgstr\[(\d)\] ((?:".*"\n)+)')


def _joined(quoted_lines: str) -> str:
    return "".join(ast.literal_eval(line) for line in quoted_lines.splitlines())


def _key(context: str | None, msgid: str) -> str:
    return f"{_joined(context)}\x04{_joined(msgid)}" if context else _joined(msgid)


def po_entries() -> dict:
    """msgid (after its context and "\\x04" when it has one) → msgstr, and (msgid, n) → the n-th plural
    form, as gettext's catalogue keys them."""
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    entries = {_key(m[1], m[2]): _joined(m[3]) for m in _ENTRY.finditer(text) if _joined(m[2])}
    for m in _PLURAL.finditer(text):
        for form in _PLURAL_FORM.finditer(m[2]):
            entries[(_joined(m[1]), int(form[1]))] = _joined(form[2])
    return entries


def test_every_message_has_a_vietnamese_translation():
    entries = po_entries()
    assert len(entries) > 40
    assert [msgid for msgid, msgstr in entries.items() if not msgstr] == []
    assert "#, fuzzy" not in (CATALOGUE / "django.po").read_text(encoding="utf-8")


def test_catalogue_is_in_nfc():
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


def test_compiled_catalogue_matches_the_po_file():
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    compiled_entries = {msgid: msgstr for msgid, msgstr in catalog.items() if msgid}
    assert compiled_entries == po_entries(), "run `make messages` and commit django.mo"
