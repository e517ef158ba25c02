from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models import Expression
from django.utils.module_loading import import_string

from hoptac.accounts.models import User
from hoptac.core.compiled import CompiledQuery
from hoptac.core.generation import DIRECTORY, EVERYTHING, stored_generations, user_scope
from hoptac.orgs.models import Organisation

USER_TIMEOUT_S = 600


def row_annotations() -> dict[str, Expression]:
    return {name: import_string(path)() for name, path in settings.USER_ROW_ANNOTATIONS.items()}


# The user with their organisation and its parent, and what other apps annotate: compiled once
# (core/compiled.py), as every request without the row in the cache reads it.
_USER_ROW = CompiledQuery(
    lambda pk: (
        User.objects.select_related("organisation__parent").annotate(**row_annotations()).filter(pk=pk)
    ),
    int,
)


def _user_generations(user_id: int) -> dict[str, int]:
    """The counters a request of this user needs, in one read: everything, the directory, the user's own,
    and those of the alliances above the user's unit (its own, its parent's, its grandparent's: a
    department's or a member's alliance, and the national alliance above it)."""
    users, units = User._meta.db_table, Organisation._meta.db_table
    chain = (
        f"SELECT 'org:' || u.organisation_id FROM {users} u WHERE u.id = %s "
        f"UNION SELECT 'org:' || o.parent_id FROM {users} u JOIN {units} o ON o.id = u.organisation_id "
        "WHERE u.id = %s "
        f"UNION SELECT 'org:' || p.parent_id FROM {users} u JOIN {units} o ON o.id = u.organisation_id "
        f"JOIN {units} p ON p.id = o.parent_id WHERE u.id = %s"
    )
    return stored_generations(
        [EVERYTHING, DIRECTORY, user_scope(user_id)], extra_sql=chain, params=[user_id] * 3
    )


def view_generation(user: User, generations: dict[str, int]) -> tuple:
    """The generation of everything `user` may read: every alliance's for those who see everything,
    else that of the alliances above their unit (plans/generation_triggers.py raises an alliance's for
    any write to a plan its people may read)."""
    if user.sees_everything:
        return (EVERYTHING, generations[EVERYTHING], generations[DIRECTORY])
    alliances = tuple(sorted((k, v) for k, v in generations.items() if k.startswith("org:")))
    return (alliances, generations[DIRECTORY])


class UserWithOrganisationBackend(ModelBackend):
    """Django's backend, loading the user with their organisation and its alliance: every page scopes
    by them.

    Each request first reads the user's generations (core/generation.py, docs/adr/0025) in one query,
    before any data: the key of every cached fragment of the page. The user row with its organisations
    is kept in the cache under the user's own counter and the directory's: a changed password, role or
    organisation, or a renamed unit, is seen at once. Other apps add to the row through
    `settings.USER_ROW_ANNOTATIONS` (the header's count of unread notifications, which
    reminders_notification keeps current by raising its recipient's counter).
    """

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        generations = _user_generations(user_id)
        # What the user row is read under: the header's cached parts follow it too (home/templatetags).
        row_generation = (generations[user_scope(user_id)], generations[DIRECTORY])
        key = f"user:{user_id}:{row_generation[0]}:{row_generation[1]}"
        user = cache.get(key)
        if user is None:
            user = _USER_ROW.first(user_id)
            if user is None:
                return None
            cache.set(key, user, USER_TIMEOUT_S)
        user.generations = generations
        user.data_generation = view_generation(user, generations)
        user.row_generation = row_generation
        return user if self.user_can_authenticate(user) else None
