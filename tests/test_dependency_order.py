"""Dependencies between our apps point one way (docs/adr/0022): an app imports only apps of a lower
layer, never one of its own layer or above. The engine (documents) and core are the bottom; home and
the API, which put the others together, are the top. An app's tests follow the same order, but may
also make users (accounts): every rule of who sees what needs one."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "hoptac"
LAYERS = (
    ("core",),
    ("documents",),
    ("orgs",),
    ("accounts",),
    ("plans",),
    ("tracking", "reminders", "calendars"),
    ("home", "api"),
)
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}


def imported_apps(path: Path) -> list[tuple[int, str]]:
    """(line, app) for each `hoptac.<app>` the module imports, at any depth of the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found += [(node.lineno, name.split(".")[1]) for name in names if name.startswith("hoptac.")]
    return found


def violations(root: Path = ROOT) -> list[str]:
    wrong = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if len(parts) < 2 or "migrations" in parts:
            continue
        app = parts[0]
        for line, other in imported_apps(path):
            if other == app or ("tests" in parts and other == "accounts"):
                continue
            if other not in LAYER_OF or LAYER_OF[other] >= LAYER_OF[app]:
                wrong.append(f"{path.relative_to(root.parent)}:{line} imports hoptac.{other}")
    return wrong


def test_every_app_has_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert apps == set(LAYER_OF)


def test_imports_point_down_the_layers():
    assert violations() == []


def test_an_import_against_the_order_is_caught(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "views.py").write_text("from hoptac.tracking.models import ProgressUpdate\n")
    (tmp_path / "orgs").mkdir()
    (tmp_path / "orgs" / "api.py").write_text("def f():\n    import hoptac.plans.models\n")
    assert violations(tmp_path) == [
        f"{tmp_path.name}/orgs/api.py:2 imports hoptac.plans",
        f"{tmp_path.name}/plans/views.py:1 imports hoptac.tracking",
    ]


@pytest.mark.parametrize("app", ["documents", "core"])
def test_the_bottom_imports_nothing_above_it(app):
    assert [v for v in violations() if v.startswith(f"hoptac/{app}/")] == []
