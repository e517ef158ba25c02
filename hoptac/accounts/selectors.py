"""Reads of accounts: a user's own API tokens, and nobody else's."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from hoptac.accounts.models import ApiToken, User


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's tokens still in force, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at", "-pk")


def access_api_token(*, user: User, token_id: int) -> ApiToken:
    """One of the user's tokens in force; another's, or a revoked one, is a 404."""
    return get_object_or_404(api_tokens_of(user), pk=token_id)
