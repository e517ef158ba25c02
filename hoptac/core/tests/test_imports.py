"""core is the bottom of the dependency order: it imports nothing of ours but core (issue 13)."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]


def imported_modules(source: str) -> list[str]:
    """Every module an `import` or `from ... import` names in `source`, at any depth (a function's
    deferred import counts too). Relative imports are of the same package, core, and are skipped."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_core_imports_no_other_hoptac_package():
    outside = [
        f"{path.name}: {module}"
        for path in sorted(CORE.glob("*.py"))
        for module in imported_modules(path.read_text(encoding="utf-8"))
        if module.split(".")[0] == "hoptac" and module.split(".")[:2] != ["hoptac", "core"]
    ]
    assert outside == []


def test_the_walk_sees_deferred_and_plain_imports():
    source = (
        "import hoptac.plans\ndef f():\n    from hoptac.documents.read import sniff\nfrom . import text\n"
    )
    assert imported_modules(source) == ["hoptac.plans", "hoptac.documents.read"]
