"""A GET view that answers htmx with a fragment and a browser with the whole page sends
`Vary: HX-Request`, so that no cache, and not the browser's back button, serves one for the other."""

import ast
from pathlib import Path

import pytest

HOPTAC = Path(__file__).parents[1] / "hoptac"
VIEW_MODULES = sorted({*HOPTAC.glob("*/views.py"), *HOPTAC.glob("*/*_views.py")})
# What a view's body says when it chooses its answer by the htmx header.
BRANCHES = ("request.htmx", "_fragment(request")


def _decorator_names(function: ast.FunctionDef) -> list[str]:
    return [ast.unparse(d) for d in function.decorator_list]


def _answers_get(decorators: list[str]) -> bool:
    if "require_POST" in decorators:
        return False
    methods = next((d for d in decorators if d.startswith(("require_http_methods", "require_GET"))), None)
    return methods is None or "GET" in methods


def _htmx_views() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in VIEW_MODULES:
        source = path.read_text()
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                body = ast.get_source_segment(source, node) or ""
                if any(branch in body for branch in BRANCHES):
                    found.append((f"{path.relative_to(HOPTAC.parent)}:{node.name}", node))
    return found


def test_the_walk_finds_the_views_that_branch_on_htmx():
    names = {name.rsplit(":", 1)[1] for name, _ in _htmx_views()}
    assert {"plan_list", "organisation_detail", "activity_edit", "home"} <= names


@pytest.mark.parametrize(("name", "view"), _htmx_views(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_get_view_that_branches_on_htmx_varies_on_it(name, view):
    decorators = _decorator_names(view)
    if _answers_get(decorators):
        assert (
            'vary_on_headers("HX-Request")' in decorators or "vary_on_headers('HX-Request')" in decorators
        ), name
