"""Whole documents read end to end: scored against hand-checked readings, validated against the schema,
and the CLI's contract on good and bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from hoptac.documents import parse_path, parse_text
from hoptac.documents.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
DOCUMENTS = FIXTURES / "documents"
REAL = FIXTURES / "real"
RAW = FIXTURES / "raw"
FOUND = FIXTURES / "found"
SCORER = FIXTURES / "score_readings.py"
SCHEMA = json.loads((Path(__file__).parents[1] / "schema.json").read_text(encoding="utf-8"))
CLI = f"{sys.executable} -m hoptac.documents.cli parse"
ALL_DOCUMENTS = sorted(
    p
    for folder in (SEEDS, DOCUMENTS, REAL, FOUND)
    for p in folder.iterdir()
    if p.suffix in {".txt", ".html", ".docx", ".md"}
)


def _score(docs: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--docs",
            str(docs),
            "--expected",
            str(docs / "expected"),
            "--cmd",
            CLI,
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[3],
    )


def test_seed_readings_agree_with_the_hand_checked_ones():
    result = _score(SEEDS, "--min", "0.95", "--max-invented", "0", "-v")
    assert result.returncode == 0, result.stdout + result.stderr


def test_documents_of_other_shapes_agree_with_the_hand_checked_ones():
    result = _score(DOCUMENTS, "--min", "0.9", "--max-invented", "0", "-v")
    assert result.returncode == 0, result.stdout + result.stderr


def test_real_documents_agree_with_the_hand_checked_ones():
    """The 15 real documents of the issue's corpus (Word files of a department, legal-library and
    portal copies): the target is 90% of fields with at most one invented."""
    result = _score(REAL, "--min", "0.9", "--max-invented", "1", "-v")
    assert result.returncode == 0, result.stdout + result.stderr


def test_raw_real_files_keep_their_score():
    """33 real files read by people who had not run the engine (Word, old .doc, PDFs with good,
    garbled or no text layer, extracts): 20.0% when first scored, the figure is kept from falling."""
    result = _score(RAW, "--min", "0.87", "--max-invented", "2")
    assert result.returncode == 0, result.stdout + result.stderr


def test_documents_found_in_public_repositories_keep_their_score():
    """14 real documents found in public repositories (mostly pages cut after their opening): 29.9%
    when first scored, kept from falling."""
    result = _score(FOUND, "--min", "0.76", "--max-invented", "2")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", ALL_DOCUMENTS, ids=lambda p: p.name)
def test_every_reading_validates_against_the_published_schema(path):
    jsonschema.validate(parse_path(path).to_dict(), SCHEMA)


def test_a_pasted_fragment_validates_too():
    jsonschema.validate(
        parse_text("KẾ HOẠCH\nII. NỘI DUNG\n1. Việc một\n- Thời gian: 31/02/2024").to_dict(), SCHEMA
    )


def test_the_engine_imports_no_django():
    code = (
        "import sys, hoptac.documents, hoptac.documents.cli;"
        "print(any(m.startswith('django') for m in sys.modules))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "False"


def test_cli_prints_one_json_object_per_file(capsys):
    files = [str(SEEDS / "002_06325638f0b0109d.txt"), str(DOCUMENTS / "103_table_plan.docx")]
    assert main(["parse", *files]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["number"] for line in lines] == ["04/KH-LMHTX", "27/KH-LMHTX"]
    assert json.loads(lines[0])["source"] == files[0]


def test_cli_text_format_is_a_readable_summary(capsys):
    assert main(["parse", "--format", "text", str(SEEDS / "002_06325638f0b0109d.txt")]) == 0
    out = capsys.readouterr().out
    assert "number   04/KH-LMHTX" in out
    assert "signer   TM. BAN THƯỜNG VỤ / CHỦ TỊCH / Trần Văn Cứng" in out


def test_cli_reports_bad_files_in_one_line_each_and_reads_the_others(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    not_a_zip = tmp_path / "plan.docx"
    not_a_zip.write_text("not a word file", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    good = SEEDS / "000_0e5e096b7a25b8e8.txt"
    missing = tmp_path / "missing.txt"
    args = [str(p) for p in (missing, empty, not_a_zip, binary, good)]
    result = subprocess.run([*CLI.split(), *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4, result.stderr
    for path, error in zip(args[:4], errors, strict=True):
        assert error.startswith(f"{path}: ")
    assert "Traceback" not in result.stderr
    (reading,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert reading["number"] == "14/KH-LMHTX"


def test_cli_without_files_is_a_usage_error():
    result = subprocess.run([*CLI.split()[:-1]], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_cli_reads_many_files_in_parallel_and_keeps_their_order(tmp_path):
    seed = (SEEDS / "002_06325638f0b0109d.txt").read_bytes()
    args = []
    for index in range(24):
        path = tmp_path / f"{index:02}.txt"
        path.write_bytes(b"" if index % 7 == 3 else seed)  # 3, 10, 17: empty files
        args.append(str(path))
    result = subprocess.run([*CLI.split(), "--jobs=2", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == [args[3], args[10], args[17]]
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [a for i, a in enumerate(args) if i % 7 != 3]
