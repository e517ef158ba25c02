"""Panels that apps above plans add to a plan's page, so that plans never imports them.

Tracking shows a plan's progress and its cascade actions there: in its AppConfig.ready it registers a
template and the function that gives the template its context. The plan page renders each registered
panel in the order of INSTALLED_APPS, with its context under the name `panel`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoptac.accounts.models import User
from hoptac.plans.models import Plan

PanelContext = Callable[..., Any]  # (*, plan: Plan, user: User, today: date) -> the template's `panel`


@dataclass(frozen=True)
class RenderedPanel:
    template: str
    context: Any


_panels: dict[str, PanelContext] = {}  # template → the function giving its context


def register_plan_panel(*, template: str, context: PanelContext) -> None:
    """Add a panel to the plan page; registering the same template again replaces it."""
    _panels[template] = context


def plan_panels(*, plan: Plan, user: User, today: date) -> list[RenderedPanel]:
    return [
        RenderedPanel(template=template, context=context(plan=plan, user=user, today=today))
        for template, context in _panels.items()
    ]
