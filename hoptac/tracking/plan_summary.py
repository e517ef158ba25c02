"""What a plan's page shows of its tracking: percent done, status split, and the actions of the
cascade open to the user (implement it, see the national table, its cost estimate)."""

from dataclasses import dataclass
from datetime import date

from hoptac.accounts.models import User
from hoptac.core.generation import cached_value
from hoptac.orgs.models import OrganisationKind
from hoptac.plans.models import Plan
from hoptac.plans.services.cascade import can_implement, implementing_plan
from hoptac.plans.standing import plan_split
from hoptac.tracking.dashboards import may_see_national_view
from hoptac.tracking.models import CostEstimate


@dataclass(frozen=True)
class PlanTracking:
    percent: float
    split: dict
    may_implement: bool
    ours: Plan | None
    national_view: bool
    estimate_id: int | None


def _split(plan: Plan, today: date) -> dict:
    """The plan's status split, kept under the plan's own counter when access_plan read it with the
    plan (docs/adr/0025): a report on another plan leaves it cached."""
    generation = getattr(plan, "page_generation", None)
    if generation is None:
        return plan_split(plan.pk, today)
    key = ("plan-split", plan.pk, today.isoformat())
    return cached_value(*key, compute=lambda: plan_split(plan.pk, today), generation=generation)


def plan_tracking(*, plan: Plan, user: User, today: date) -> PlanTracking:
    """One to four small queries."""
    may_implement = can_implement(user, plan)
    return PlanTracking(
        percent=plan.progress_percent,
        split=_split(plan, today),
        may_implement=may_implement,
        ours=implementing_plan(plan, user.acts_for) if may_implement else None,
        national_view=may_see_national_view(user, plan),
        # Only a department's sub-plan has an estimate (cost_estimates.activity_detail_plan).
        estimate_id=CostEstimate.objects.filter(plan=plan).values_list("pk", flat=True).first()
        if plan.issuer.kind == OrganisationKind.DEPARTMENT
        else None,
    )
