"""Search across plans, activities and units, within what the user may read."""

from dataclasses import dataclass

from hoptac.accounts.models import User
from hoptac.core.search import full_text_filter, search_words, similar_filter
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Organisation
from hoptac.orgs.selectors import nearest_first, organisations_visible_to
from hoptac.plans.models import Activity, Plan
from hoptac.plans.selectors import plans_scope, plans_visible_to

LIMIT = 20


@dataclass(frozen=True)
class SearchResults:
    query: str
    plans: list[Plan]
    activities: list[Activity]
    organisations: list[Organisation]

    @property
    def is_empty(self) -> bool:
        return not (self.plans or self.activities or self.organisations)


def search(*, user: User, query: str) -> SearchResults:
    if not search_words(query):
        return SearchResults(query=query, plans=[], activities=[], organisations=[])
    plans = list(full_text_filter(plans_visible_to(user), query).order_by("-issued_on", "-pk")[:LIMIT])
    activities = list(
        full_text_filter(Activity.objects.filter(plan__in=plans_scope(user).values("pk")), query)
        .select_related("plan")
        .order_by("-plan__issued_on", "plan_id", "position")[:LIMIT]
    )
    # Units are found by their key, where abbreviations are expanded: "htx" in the query too.
    visible = organisations_visible_to(user)
    # The user's own alliance and province first: "ke hoach" must not list every province's "Ban Kế
    # hoạch - Hỗ trợ" before the user's own.
    found = full_text_filter(visible, unit_key(query), column="key")
    organisations = list(nearest_first(found, near=user.acts_for)[:LIMIT])
    if not (plans or activities or organisations):
        # Nothing at all: perhaps a misspelt name, the closest by trigrams (PostgreSQL only). Only
        # then: a trigram scan of every unit costs more than the rest of the search.
        organisations = list(similar_filter(visible, unit_key(query), column="key")[:LIMIT])
    return SearchResults(query=query, plans=plans, activities=activities, organisations=organisations)
