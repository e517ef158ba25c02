"""The Vietnamese catalogue is complete, in NFC, and the committed django.mo matches django.po."""

import ast
import gettext
import re
import unicodedata
from pathlib import Path

CATALOGUE = Path(__file__).parents[1] / "locale" / "vi" / "LC_MESSAGES"
_ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def _joined(quoted_lines: str) -> str:
    return "".join(ast.literal_eval(line) for line in quoted_lines.splitlines())


def po_entries() -> dict[str, str]:
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    return {_joined(m[1]): _joined(m[2]) for m in _ENTRY.finditer(text) if _joined(m[1])}


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
