"""The API reaches every write the web has: each service (a public function of an app's `services.py` or
`services/` package taking only keyword arguments, `<entity>_<action>`) is called by an API module, or is exempted below with the
reason. A new service fails here until it has an endpoint or a line in EXEMPT."""

import importlib
import inspect
from pathlib import Path
from types import CodeType, FunctionType

import hoptac
from tests.test_writes_in_services import is_service_module

ROOT = Path(hoptac.__file__).parent
EXEMPT = {
    # Internal: steps of another service, or the background worker's and the scheduler's own work.
    "members_read": "the reading half of members_import, which the API calls",
    "activity_save": "the activity form's save of fields and units at once; the API has PATCH "
    "/activities/{id} (activity_update) and PUT /activities/{id}/assignments (activity_assign)",
    "department_plan_for": "the plans half of activity_detail_plan (tracking), which the API calls",
    "upload_read": "the worker's task reads an upload; POST /imports starts it through upload_start",
    "upload_read_queued": "the worker's task for a scan in the queue",
    "uploads_prune": "the scheduler's clean-up of old uploads",
    "demo_setup": "builds the demo installation: `manage.py demo_setup`, not a user's write",
    "search_texts_rebuild": "`manage.py reindex_search` after search folding changed, not a user's write",
    "registry_load": "loads the registry shipped with hoptac: a management command, not a user's write",
    "calendar_token_used": "records a feed's use when the calendar is fetched, not a user's action",
    "delivery_create": "the reminder scheduler's delivery of a due reminder",
    "delivery_email": "the mailer's sending of a delivery",
    # Reads named like services.
    "status_moves": "a read: the moves a user may make; POST /plans/{plan_id}/status answers 403 otherwise",
    # Writes the API does not call by itself.
    "api_token_create": "a person makes their tokens on their account page, signed in, not with a token",
    "api_token_revoke": "revoked on the account page (accounts:api-tokens), beside the tokens listed",
    "organisation_create": "a step of upload_confirm: POST /imports/{id}/confirm with a unit's create_kind",
    "alias_add": "a step of upload_confirm: POST /imports/{id}/confirm with remember_alias",
}


def services() -> dict[str, FunctionType]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if not is_service_module(path) or "tests" in parts or parts[1] == "documents":
            continue
        module = importlib.import_module(".".join(parts))
        for name, function in vars(module).items():
            if (
                name.startswith("_")
                or not inspect.isfunction(function)
                or function.__module__ != module.__name__
            ):
                continue
            parameters = inspect.signature(function).parameters.values()
            keyword_only = all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in parameters)
            if keyword_only and (parameters or hasattr(function, "__wrapped__")):  # a bare @atomic one too
                found[name] = function
    return found


def names_in(code: CodeType) -> set[str]:
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            names |= names_in(constant)
    return names


def called_by_the_api() -> set[FunctionType]:
    called = set()
    for path in [*ROOT.glob("*/api.py"), *ROOT.glob("*/*_api.py")]:
        module = importlib.import_module(".".join(path.relative_to(ROOT.parent).with_suffix("").parts))
        for function in vars(module).values():
            if inspect.isfunction(function) and function.__module__ == module.__name__:
                called |= {vars(module)[name] for name in names_in(function.__code__) if name in vars(module)}
    return called


def test_the_api_calls_every_service_not_exempted():
    found, called = services(), called_by_the_api()
    missing = sorted(
        name for name, function in found.items() if function not in called and name not in EXEMPT
    )
    assert not missing, f"services the API does not call: {missing} (add an endpoint, or a reason to EXEMPT)"


def test_every_exemption_names_a_service_the_api_does_not_call():
    found, called = services(), called_by_the_api()
    stale = sorted(name for name in EXEMPT if name not in found or found[name] in called)
    assert not stale, f"exempted but no longer a service, or now called by the API: {stale}"
