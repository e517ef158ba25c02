import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from hoptac.accounts.models import ApiToken, User


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new API token for `user`: the row, and the token itself (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    return ApiToken.objects.create(user=user, name=name, digest=token_digest(token)), token


def api_token_revoke(*, token: ApiToken, by: User) -> None:
    """Revoke `token`: its owner's own act (the system admin may revoke anyone's)."""
    if token.user_id != by.pk and not by.is_system_admin:
        raise PermissionDenied
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def api_token_user(token: str) -> User | None:
    """The active user a token belongs to, or None for an unknown, revoked or inactive one."""
    row = (
        ApiToken.objects.select_related("user__organisation__parent")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.user
