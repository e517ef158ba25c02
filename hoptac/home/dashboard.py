"""What the home page shows a logged-in user: their organisation, its recent plans, its activities of
the month."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from hoptac.accounts.models import User
from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity, Plan
from hoptac.plans.selectors import activities_of, plans_visible_to

RECENT_PLANS = 5


@dataclass(frozen=True)
class Dashboard:
    organisation: Organisation | None
    recent_plans: list[Plan]
    month_activities: list[Activity]
    month_start: date


def dashboard_for(user: User, *, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    start = today.replace(day=1)
    end = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    unit = user.organisation
    recent = list(plans_visible_to(user).order_by("-issued_on", "-pk")[:RECENT_PLANS])
    month = list(activities_of(organisation=unit, user=user, starts=start, ends=end)[:50]) if unit else []
    return Dashboard(organisation=unit, recent_plans=recent, month_activities=month, month_start=start)
