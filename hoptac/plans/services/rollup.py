"""The stored roll-up of one plan's tree (plans/rollup.py says how it is computed)."""

from collections import defaultdict
from decimal import Decimal

from hoptac.plans.models import Activity, Plan, ProgressState
from hoptac.plans.rollup import weighted_mean


def refresh_rollup(plan_id: int) -> float:
    """Recompute and store the roll-up of one plan's tree; returns the plan's percent done."""
    rows = list(
        Activity.objects.filter(plan_id=plan_id)
        .order_by("-position")
        .values_list("pk", "parent_id", "weight", "progress_state", "percent", "rollup_percent")
    )
    children: dict[int | None, list[tuple[Decimal, float]]] = defaultdict(list)
    changed = []
    # Reverse pre-order visits every child before its parent.
    for pk, parent_id, weight, state, percent, stored in rows:
        kids = children.pop(pk, [])
        own = 100.0 if state == ProgressState.DONE else float(percent)
        value = weighted_mean(kids) if kids and state != ProgressState.DONE else own
        value = round(value if value is not None else own, 2)
        if value != stored:
            changed.append(Activity(pk=pk, rollup_percent=value))
        if state != ProgressState.CANCELLED:
            children[parent_id].append((weight, value))
    if changed:
        Activity.objects.bulk_update(changed, ["rollup_percent"], batch_size=500)
    percent = round(weighted_mean(children.get(None, [])) or 0.0, 2)
    Plan.objects.filter(pk=plan_id).exclude(progress_percent=percent).update(progress_percent=percent)
    return percent
