"""The data generations are read in one place (core/generation.py, docs/adr/0025)."""

from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from hoptac.core.generation import GENERATION_TABLE, fragment_key, generations_from_text, stored_generations

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
def test_a_scope_never_written_reads_zero_and_a_write_makes_it_one():
    assert stored_generations(["plan:999999"]) == {"plan:999999": 0}
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {GENERATION_TABLE}")
    assert stored_generations(["all", "directory"]) == {"all": 0, "directory": 0}


def test_the_fragment_key_holds_the_language_and_the_generation():
    with translation.override("vi"):
        vietnamese = fragment_key("plans:list", 7, generation=3)
        assert fragment_key("plans:list", 7, generation=3) == vietnamese
        assert fragment_key("plans:list", 7, generation=4) != vietnamese
    with translation.override("en"):
        assert fragment_key("plans:list", 7, generation=3) != vietnamese


def test_the_counters_read_with_the_user_row_come_back_as_a_dict():
    text = "all=12,directory=3,org:381=7,user:5=2"
    assert generations_from_text(text, ["all", "directory", "user:5", "plan:9"]) == {
        "all": 12,
        "directory": 3,
        "user:5": 2,
        "plan:9": 0,
        "org:381": 7,
    }
    assert generations_from_text(None, ["all"]) == {"all": 0}, "no counter written yet"
