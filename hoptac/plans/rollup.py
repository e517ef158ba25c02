"""Roll-up: a parent activity's percent done from its children, a plan's from its top-level activities,
each weighted (weights default to 1, so equal). Cancelled activities do not count; a done one counts
100. The results are stored (Activity.rollup_percent, Plan.progress_percent) by
`services/rollup.refresh_rollup`, called in the transaction of every progress report and structural
change of the plan, so that dashboards across hundreds of plans read one column instead of walking
trees."""

from decimal import Decimal

from django.db.models import Avg, F, FloatField, QuerySet, Sum
from django.db.models.functions import Cast

from hoptac.plans.models import Activity, Plan, ProgressState


def weighted_mean(pairs: list[tuple[Decimal, float]]) -> float | None:
    """Σ weight × value / Σ weight; equal weights when every weight is 0; None for nothing."""
    if not pairs:
        return None
    total = sum(float(weight) for weight, _ in pairs)
    if total <= 0:
        return sum(value for _, value in pairs) / len(pairs)
    return sum(float(weight) * value for weight, value in pairs) / total


def weighted_sums(column: str) -> dict:
    """The aggregates of a weighted mean of `column`: Σ column × weight, Σ weight, and the plain mean
    for when every weight is 0 (equal weights, as in weighted_mean)."""
    weight = Cast("weight", FloatField())
    return {"weighted": Sum(F(column) * weight), "weights": Sum(weight), "plain": Avg(column)}


def mean_of(totals: dict) -> float | None:
    """The weighted mean from `weighted_sums` results, to one decimal; None for no rows."""
    if totals["weights"]:
        return round(totals["weighted"] / totals["weights"], 1)
    return None if totals["plain"] is None else round(totals["plain"], 1)


def mean_progress(plans: QuerySet[Plan]) -> float | None:
    """The weighted percent done of `plans` (an alliance's, say), in one aggregate."""
    return mean_of(plans.aggregate(**weighted_sums("progress_percent")))


def unit_progress(activities: QuerySet[Activity]) -> float | None:
    """The weighted percent done of the activities a unit leads, across plans, in one aggregate."""
    return mean_of(
        activities.exclude(progress_state=ProgressState.CANCELLED).aggregate(
            **weighted_sums("rollup_percent")
        )
    )
