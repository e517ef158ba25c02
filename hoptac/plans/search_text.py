"""What full-text search finds a plan and an activity by, folded (see core/search.py)."""

from django.db import transaction

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


def search_texts_rebuild(*, batch_size: int = 500) -> tuple[int, int]:
    """Make the stored search text of every plan and activity again (after `search_form` changed:
    docs/adr/0011). Returns how many plans and activities were rewritten."""
    plans = Plan.objects.only(
        "number", "title", "issuer_name", "signer_name", "document_kind", "kind", "search_text"
    )
    activities = Activity.objects.only("number", "title", "content", "location", "search_text")
    return (
        _rewrite(plans, plan_search_text, batch_size=batch_size),
        _rewrite(activities, activity_search_text, batch_size=batch_size),
    )


def _rewrite(rows, search_text, *, batch_size: int) -> int:
    # Page by primary key rather than iterate one cursor: SQLite does not isolate a cursor from the
    # writes of its own connection.
    count, last = 0, 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk")[:batch_size]):
        last = batch[-1].pk
        changed = [row for row in batch if _refresh(row, search_text)]
        with transaction.atomic():
            rows.model.objects.bulk_update(changed, ["search_text"])
        count += len(changed)
    return count


def _refresh(row, search_text) -> bool:
    text = search_text(row)
    if text == row.search_text:
        return False
    row.search_text = text
    return True
