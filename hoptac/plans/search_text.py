"""What full-text search finds a plan and an activity by, folded (see core/search.py)."""

from hoptac.core.text import search_form
from hoptac.documents.parse.header_lines import TYPE_NAMES
from hoptac.documents.parse.number_symbol import TYPE_CODES, parse_number
from hoptac.plans.models import Activity, Plan, PlanKind

# The name of each kind of document ("kế hoạch"): a plan's header says it on a line of its own, so
# neither its title nor its number and symbol ("90/KH-LMHTX") holds the words people search for.
_KIND_NAMES: dict[str, str] = {}
for _name, _kind in TYPE_NAMES.items():
    if _kind != "unknown":
        _KIND_NAMES.setdefault(_kind, _name)


def plan_search_text(plan: Plan) -> str:
    kinds = {plan.document_kind or (PlanKind.PLAN if plan.kind == PlanKind.PLAN else "")}
    if (number := parse_number(plan.number or "")) is not None:
        kinds.add(TYPE_CODES.get(number.type_code or "", ""))
    kind_names = " ".join(_KIND_NAMES[kind] for kind in sorted(kinds) if kind in _KIND_NAMES)
    # As documents cite one another: "Kế hoạch số 90/KH-LMHTX".
    cited = f"số {plan.number}" if plan.number else ""
    return search_form(f"{kind_names} {cited} {plan.title} {plan.issuer_name} {plan.signer_name}")


def activity_search_text(activity: Activity) -> str:
    return search_form(f"{activity.number} {activity.title} {activity.content} {activity.location}")
