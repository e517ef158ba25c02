"""The data generation is read in one place (core/generation.py, docs/adr/0012)."""

from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from hoptac.core.generation import GENERATION_TABLE, data_generation, fragment_key, stored_generation

HOPTAC = Path(__file__).resolve().parents[2]


def test_only_core_generation_names_the_generation_table():
    """Migrations are history and keep their own copy of the name; nothing else may query the table."""
    naming = [
        str(path.relative_to(HOPTAC))
        for path in HOPTAC.rglob("*.py")
        if "migrations" not in path.parts
        and "tests" not in path.parts
        and GENERATION_TABLE in path.read_text(encoding="utf-8")
    ]
    assert naming == ["core/generation.py"]


@pytest.mark.django_db
def test_a_flushed_generation_row_starts_again_at_zero():
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {GENERATION_TABLE}")
    assert stored_generation() is None
    assert data_generation() == 0
    assert stored_generation() == 0
    assert data_generation() == 0  # the row is there now: no second insert


def test_the_fragment_key_holds_the_language_and_the_generation():
    with translation.override("vi"):
        vietnamese = fragment_key("plans:list", 7, generation=3)
        assert fragment_key("plans:list", 7, generation=3) == vietnamese
        assert fragment_key("plans:list", 7, generation=4) != vietnamese
    with translation.override("en"):
        assert fragment_key("plans:list", 7, generation=3) != vietnamese
