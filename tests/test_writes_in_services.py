"""Every write goes through a service of its app (docs/adr/0023): ORM writes stand only in an app's
`services.py` or `services/` package, in migrations and in tests. Views, the API, forms, selectors,
tasks and templates tags call a service instead.

What counts as an ORM write, read from the source: `.save()` and `.delete()` on anything but file
storage and workbooks; `.create()`, `.get_or_create()`, `.update_or_create()`, `.bulk_create()` and
`.bulk_update()` on anything; `.update()` on a manager or a queryset (`X.objects…`, `.filter(…)`).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "hoptac"
ALWAYS_WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
SAVE_OR_DELETE = {"save", "delete"}
QUERY_STEPS = {"objects", "filter", "exclude", "all", "select_for_update", "using"}
# Receivers whose save() and delete() are not the ORM's: file storage, a workbook, an API router's
# route decorators, the cache and the session.
NOT_THE_ORM = {"default_storage", "storage", "workbook", "router", "api", "cache", "session"}


def receiver_names(node: ast.expr) -> list[str]:
    """The attribute and call names a receiver is made of, outermost last: `Plan.objects.filter(..)`
    gives ["Plan", "objects", "filter"]."""
    names: list[str] = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return names[::-1]
        else:
            return names[::-1]


def is_orm_write(call: ast.Call) -> bool:
    if not isinstance(call.func, ast.Attribute):
        return False
    method, receiver = call.func.attr, call.func.value
    names = receiver_names(receiver)
    if method in ALWAYS_WRITES:
        return True
    if method == "update":
        return bool(QUERY_STEPS & set(names))
    if method in SAVE_OR_DELETE:
        is_super = isinstance(receiver, ast.Call) and getattr(receiver.func, "id", "") == "super"
        return not is_super and not (NOT_THE_ORM & {name.lower() for name in names})
    return False


def is_service_module(path: Path) -> bool:
    """An app's `services.py`, or a module of its `services/` package."""
    return path.name == "services.py" or "services" in path.parts[:-1]


def may_write(path: Path) -> bool:
    return is_service_module(path) or "migrations" in path.parts or "tests" in path.parts


def writes_outside_services(root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent)
        if may_write(relative) or relative.parts[1] == "documents":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and is_orm_write(node):
                found.append(f"{relative}:{node.lineno} .{node.func.attr}()")
    return found


def test_orm_writes_stand_only_in_services():
    assert writes_outside_services() == []


def test_a_write_in_a_view_is_caught_and_a_service_is_not(tmp_path):
    app = tmp_path / "plans"
    (app / "services").mkdir(parents=True)
    (app / "views.py").write_text(
        "def v(request, form, plan):\n"
        "    form.save()\n"
        "    Plan.objects.filter(pk=1).update(title='x')\n"
        "    plan.activities.create(title='y')\n"
        "    {}.update(a=1)\n"
        "    default_storage.delete('p')\n"
        "    super().save()\n"
    )
    (app / "services" / "authoring.py").write_text("def s(*, plan):\n    plan.save()\n")
    assert writes_outside_services(tmp_path) == [
        f"{tmp_path.name}/plans/views.py:2 .save()",
        f"{tmp_path.name}/plans/views.py:3 .update()",
        f"{tmp_path.name}/plans/views.py:4 .create()",
    ]
