"""Calendar links through the API: list mine, make one (its address is in the answer, once), revoke one."""

from datetime import datetime
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from hoptac.calendars.links import feed_links
from hoptac.calendars.models import CalendarToken
from hoptac.calendars.selectors import access_calendar_token, calendar_tokens_of
from hoptac.calendars.services import calendar_token_create, calendar_token_revoke
from hoptac.orgs.selectors import access_organisation

router = Router(tags=["calendars"])


class TokenOut(Schema):
    id: int
    name: str
    scope: str
    organisation_id: int | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str
    url: str


class TokenIn(Schema):
    scope: Literal["person", "organisation"]
    organisation_id: int | None = None
    name: str = Field("", max_length=100)


class Message(Schema):
    detail: str


@router.get("/tokens", response=list[TokenOut])
def list_tokens(request: HttpRequest) -> QuerySet[CalendarToken]:
    return calendar_tokens_of(request.auth)


@router.post("/tokens", response={201: TokenCreated, 400: Message})
def create_token(request: HttpRequest, payload: TokenIn):
    """A new calendar link. `url` is the iCalendar address to subscribe to; it is never shown again."""
    organisation = None
    if payload.organisation_id is not None:
        organisation = access_organisation(user=request.auth, organisation_id=payload.organisation_id)
    token, secret = calendar_token_create(
        owner=request.auth, scope=payload.scope, organisation=organisation, name=payload.name
    )
    token.token, token.url = secret, feed_links(request, secret)["url"]
    return Status(201, token)


@router.post("/tokens/{token_id}/revoke", response=TokenOut)
def revoke_token(request: HttpRequest, token_id: int) -> CalendarToken:
    token = access_calendar_token(user=request.auth, token_id=token_id)
    return calendar_token_revoke(token=token, by=request.auth)
