"""Search across plans, activities and units, within what the user may read."""

from dataclasses import dataclass

from django.db.models import F

from hoptac.accounts.models import User
from hoptac.core.search import full_text_filter, search_words, similar_filter
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.selectors import nearest_first, organisations_visible_to
from hoptac.plans.models import Activity
from hoptac.plans.selectors import plans_scope

LIMIT = 20
_UNIT_FIELDS = ("name", "parent__name")


@dataclass(frozen=True)
class SearchResults:
    """What was found, as the rows the page draws: plans (pk, number, title), activities (pk,
    plan_id, number, title, plan_number) and units (name, parent_name), each a dict."""

    query: str
    plans: list[dict]
    activities: list[dict]
    organisations: list[dict]

    @property
    def is_empty(self) -> bool:
        return not (self.plans or self.activities or self.organisations)


def search(*, user: User, query: str) -> SearchResults:
    if not search_words(query):
        return SearchResults(query=query, plans=[], activities=[], organisations=[])
    # Values, not instances: twenty rows of each kind with every column were most of the page's time.
    scope = plans_scope(user)
    plans = list(
        full_text_filter(scope, query).order_by("-issued_on", "-pk").values("pk", "number", "title")[:LIMIT]
    )
    activities = list(
        full_text_filter(Activity.objects.filter(plan__in=scope.values("pk")), query)
        .order_by("-plan__issued_on", "plan_id", "position")
        .values("pk", "plan_id", "number", "title", plan_number=F("plan__number"))[:LIMIT]
    )
    # Units are found by their key, where abbreviations are expanded: "htx" in the query too.
    visible = organisations_visible_to(user)
    # The user's own alliance and province first: "ke hoach" must not list every province's "Ban Kế
    # hoạch - Hỗ trợ" before the user's own.
    found = full_text_filter(visible, unit_key(query), column="key")
    organisations = list(nearest_first(found, near=user.acts_for).values(*_UNIT_FIELDS)[:LIMIT])
    if not (plans or activities or organisations):
        # Nothing at all: perhaps a misspelt name, the closest by trigrams (PostgreSQL only). Only
        # then: a trigram scan of every unit costs more than the rest of the search.
        similar = similar_filter(visible, unit_key(query), column="key")
        organisations = list(similar.values(*_UNIT_FIELDS)[:LIMIT])
    return SearchResults(query=query, plans=plans, activities=activities, organisations=organisations)
