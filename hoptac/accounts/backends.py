from django.contrib.auth.backends import ModelBackend
from django.db.models.expressions import RawSQL

from hoptac.accounts.models import User


class UserWithOrganisationBackend(ModelBackend):
    """Django's backend, loading the user's organisation and its alliance in the same query: every page
    scopes by them, and three queries per request for that would be two too many.

    The same query reads the data generation (plans/generation.py, docs/adr/0012): the key of every
    cached fragment of the page, read once at the start of the request, before any data.
    """

    def get_user(self, user_id):
        generation = RawSQL("SELECT value FROM plans_datageneration WHERE id = 1", ())
        try:
            user = User.objects.select_related("organisation__parent").annotate(data_generation=generation)
            user = user.get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
