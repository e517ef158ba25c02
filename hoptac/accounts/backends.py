from django.contrib.auth.backends import ModelBackend

from hoptac.accounts.models import User


class UserWithOrganisationBackend(ModelBackend):
    """Django's backend, loading the user's organisation and its alliance in the same query: every page
    scopes by them, and three queries per request for that would be two too many."""

    def get_user(self, user_id):
        try:
            user = User.objects.select_related("organisation__parent").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
