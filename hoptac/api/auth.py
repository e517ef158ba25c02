from django.http import HttpRequest
from ninja.security import HttpBearer

from hoptac.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; `request.auth` is then the token's user."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user
