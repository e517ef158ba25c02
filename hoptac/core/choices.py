"""The labels of a choices class in the active language, translated once per language and process.

Each label of a TextChoices is a lazy translation: asking for it again and again (a chart a row, a
label a row) runs gettext each time, hundreds of times a page."""

from functools import lru_cache

from django.db.models import Choices
from django.utils.translation import get_language


def choice_labels(choices: type[Choices]) -> dict[str, str]:
    """{value: label} of `choices` in the active language."""
    return _labels_in(choices, get_language())


@lru_cache(maxsize=64)
def _labels_in(choices: type[Choices], language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}
