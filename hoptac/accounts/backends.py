from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.db.models import Expression, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.utils.module_loading import import_string

from hoptac.accounts.models import User
from hoptac.core.compiled import CompiledQuery
from hoptac.core.generation import (
    DIRECTORY,
    EVERYTHING,
    generations_from_text,
    user_generations_sql,
    user_scope,
)
from hoptac.orgs.models import Organisation


def row_annotations() -> dict[str, Expression]:
    return {name: import_string(path)() for name, path in settings.USER_ROW_ANNOTATIONS.items()}


def _with_generations(users: QuerySet[User]) -> QuerySet[User]:
    """The user rows with the counters their requests need, as text (core/generation.py)."""
    sql = user_generations_sql(
        users=User._meta.db_table, units=Organisation._meta.db_table, vendor=connection.vendor
    )
    return users.annotate(stored_generations=RawSQL(sql, [], output_field=TextField()))


# The user with their organisation and its parent, what other apps annotate, and the user's data
# generations: one query compiled once (core/compiled.py), the first of every signed-in request.
_USER_ROW = CompiledQuery(
    lambda pk: _with_generations(
        User.objects.select_related("organisation__parent").annotate(**row_annotations()).filter(pk=pk)
    ),
    int,
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

    Each request first reads the user's row with their organisations and their generations
    (core/generation.py, docs/adr/0025) in one query, before any data: the generations are the key of
    every cached fragment of the page. The row is read on every request, never cached: a changed
    password, role or organisation is seen at once, and a cache read would cost as much as the row
    (a round trip to Redis). Other apps add to the row through `settings.USER_ROW_ANNOTATIONS` (the
    header's count of unread notifications).
    """

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _USER_ROW.first(user_id)
        if user is None:
            return None
        scopes = (EVERYTHING, DIRECTORY, user_scope(user_id))
        generations = generations_from_text(user.stored_generations, scopes)
        # What the header's cached parts follow (home/templatetags/header_parts.py).
        row_generation = (generations[user_scope(user_id)], generations[DIRECTORY])
        user.generations = generations
        user.data_generation = view_generation(user, generations)
        user.row_generation = row_generation
        return user if self.user_can_authenticate(user) else None
