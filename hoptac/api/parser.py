"""The API's request parser: JSON and query strings as ninja reads them, without NUL characters, which
no text column stores (PostgreSQL refuses them) and Django's forms refuse too."""

import json
from typing import Any

from ninja.errors import HttpError
from ninja.parser import Parser

NULL_CHARACTER = "Null characters are not allowed."


def _holds_null(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_null(k) or _holds_null(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_null(item) for item in value)
    return False


class NoNullParser(Parser):
    def parse_body(self, request):
        # No body (or an empty form, as clients send for a bare POST) is an empty object: an endpoint
        # whose body is optional gets its defaults, one whose body is required a 422 naming what is missing.
        empty_form = request.content_type.startswith("multipart/") and not request.POST and not request.FILES
        if not request.body.strip() or empty_form:
            return {}
        data = json.loads(request.body)
        if _holds_null(data):
            raise ValueError(NULL_CHARACTER)  # ninja answers 400 "Cannot parse request body"
        return data

    def parse_querydict(self, data, list_fields, request):
        parsed = super().parse_querydict(data, list_fields, request)
        if _holds_null(parsed):
            raise HttpError(422, NULL_CHARACTER)
        return parsed
