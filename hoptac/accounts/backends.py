from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models import Expression
from django.utils.module_loading import import_string

from hoptac.accounts.models import User
from hoptac.core.generation import stored_generation

USER_TIMEOUT_S = 600


def row_annotations() -> dict[str, Expression]:
    return {name: import_string(path)() for name, path in settings.USER_ROW_ANNOTATIONS.items()}


class UserWithOrganisationBackend(ModelBackend):
    """Django's backend, loading the user with their organisation and its alliance: every page scopes
    by them.

    Each request first reads the data generation (core/generation.py, docs/adr/0012), the key of every
    cached fragment of the page, once, before any data. The user row with its organisations is kept in
    the cache under that generation: any write to users or organisations raises it, so a changed
    password, role or organisation is seen at once. Other apps add to the row through
    `settings.USER_ROW_ANNOTATIONS` (the header's count of unread notifications, which
    reminders_notification keeps current by raising the generation too).
    """

    def get_user(self, user_id):
        # The triggers behind it watch accounts_user and orgs_organisation too.
        generation = stored_generation()
        key = f"user:{user_id}:{generation}"
        user = cache.get(key) if generation is not None else None
        if user is None:
            try:
                user = (
                    User.objects.select_related("organisation__parent")
                    .annotate(**row_annotations())
                    .get(pk=user_id)
                )
            except User.DoesNotExist:
                return None
            user.data_generation = generation
            if generation is not None:
                cache.set(key, user, USER_TIMEOUT_S)
        return user if self.user_can_authenticate(user) else None
