"""Writes of calendar links: make one (its secret is returned once and never stored), revoke one."""

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User
from hoptac.accounts.services import token_digest
from hoptac.calendars.errors import CalendarError
from hoptac.calendars.models import CalendarToken, FeedScope
from hoptac.orgs.models import Organisation
from hoptac.orgs.selectors import organisations_visible_to

MAX_ACTIVE_TOKENS = 20
TOO_MANY_TOKENS = _(
    "You already have %(count)d calendar links. Revoke one you no longer use, then try again."
)
ORGANISATION_NEEDED = _("Choose the organisation whose activities the calendar shows.")
# Calendar applications read a feed every few minutes to every few hours: one write an hour is enough
# to tell a link in use from a forgotten one.
USE_RECORDED_EVERY = timedelta(hours=1)


@transaction.atomic
def calendar_token_create(
    *, owner: User, scope: str, organisation: Organisation | None = None, name: str = ""
) -> tuple[CalendarToken, str]:
    """A new calendar link for `owner`: the row, and the secret of its URL (shown once, never stored)."""
    if scope == FeedScope.PERSON:
        organisation = None
    elif organisation is None:
        raise CalendarError(ORGANISATION_NEEDED)
    elif not organisations_visible_to(owner).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    active = CalendarToken.objects.filter(owner=owner, revoked_at__isnull=True)
    if (count := active.count()) >= MAX_ACTIVE_TOKENS:
        raise CalendarError(TOO_MANY_TOKENS % {"count": count})
    secret = secrets.token_urlsafe(32)
    token = CalendarToken.objects.create(
        owner=owner, scope=scope, organisation=organisation, name=name.strip(), digest=token_digest(secret)
    )
    return token, secret


def calendar_token_revoke(*, token: CalendarToken, by: User) -> CalendarToken:
    """Revoke `token` (its owner's, or any for the system admin); revoking twice changes nothing."""
    if token.owner_id != by.pk and not by.is_system_admin:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def calendar_token_used(*, token: CalendarToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORDED_EVERY:
        CalendarToken.objects.filter(pk=token.pk).update(last_used_at=now)
