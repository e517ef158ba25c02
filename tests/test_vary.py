"""A GET view that answers htmx with a fragment and a browser with the whole page sends
`Vary: HX-Request`, so that no cache, and not the browser's back button, serves one for the other."""

import ast
from pathlib import Path

import pytest

HOPTAC = Path(__file__).parents[1] / "hoptac"
VIEW_MODULES = sorted({*HOPTAC.glob("*/views.py"), *HOPTAC.glob("*/*_views.py")})
# What a function's body says when it chooses its answer by the htmx header.
BRANCHES = ("request.htmx", "HX-Request", "HTTP_HX_REQUEST")


def _decorator_names(function: ast.FunctionDef) -> list[str]:
    return [ast.unparse(d) for d in function.decorator_list]


def _answers_get(decorators: list[str]) -> bool:
    if "require_POST" in decorators:
        return False
    methods = next((d for d in decorators if d.startswith(("require_http_methods", "require_GET"))), None)
    return methods is None or "GET" in methods


def _body(source: str, function: ast.FunctionDef) -> str:
    """The function's statements, without its decorators (which name the header too)."""
    return "\n".join(ast.get_source_segment(source, statement) or "" for statement in function.body)


def _htmx_views() -> list[tuple[str, ast.FunctionDef]]:
    """The module's views that branch on htmx themselves or through a helper of the module that does
    (`_fragment(request, ...)`, `_activity_list(request, ...)`), however deep."""
    found = []
    for path in VIEW_MODULES:
        source = path.read_text()
        functions = [node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]
        bodies = {function.name: _body(source, function) for function in functions}
        branching = {name for name, body in bodies.items() if any(branch in body for branch in BRANCHES)}
        while grown := {
            name
            for name, body in bodies.items()
            if name not in branching and any(f"{helper}(request" in body for helper in branching)
        }:
            branching |= grown
        for function in functions:
            if function.name in branching and not function.name.startswith("_"):
                found.append((f"{path.relative_to(HOPTAC.parent)}:{function.name}", function))
    return found


def test_the_walk_finds_the_views_that_branch_on_htmx():
    names = {name.rsplit(":", 1)[1] for name, _ in _htmx_views()}
    assert {"plan_list", "organisation_detail", "activity_edit", "home"} <= names
    # Through helpers only: _import_waiting, and _activity_list (a POST, so no Vary is asked of it).
    assert {"import_review_page", "activity_move_view"} <= names


@pytest.mark.parametrize(("name", "view"), _htmx_views(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_get_view_that_branches_on_htmx_varies_on_it(name, view):
    decorators = _decorator_names(view)
    if _answers_get(decorators):
        assert (
            'vary_on_headers("HX-Request")' in decorators or "vary_on_headers('HX-Request')" in decorators
        ), name
