"""What full-text search finds a plan and an activity by, folded (see core/search.py)."""

from hoptac.core.text import fold
from hoptac.plans.models import Activity, Plan


def plan_search_text(plan: Plan) -> str:
    return fold(f"{plan.number} {plan.title} {plan.issuer_name} {plan.signer_name}")


def activity_search_text(activity: Activity) -> str:
    return fold(f"{activity.number} {activity.title} {activity.content} {activity.location}")
