"""Text fields of the API's input schemas: NFC at the boundary, trimmed, and honest about null.

`Text` is a string a field keeps as sent (in NFC, trimmed; a NUL character never reaches it: the API's
parser, hoptac/api/parser.py, refuses it in every body and query). `ClearableText` also takes null,
which empties the field, as "" does. A field that cannot be empty (a title) is `Text` with `min_length=1`
and no null: a title of only spaces or invisible characters is then a 422.
"""

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from hoptac.core.text import nfc


def _nfc_trimmed(value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


def _nfc_trimmed_or_empty(value: Any) -> Any:
    return "" if value is None else _nfc_trimmed(value)


Text = Annotated[str, BeforeValidator(_nfc_trimmed)]
ClearableText = Annotated[str | None, BeforeValidator(_nfc_trimmed_or_empty)]


def no_default_in_schema(schema: dict) -> None:
    """For an optional PATCH field that cannot be null: leaving it out keeps the value, so its schema
    shows no `"default": null` (which would say null is a value it takes)."""
    schema.pop("default", None)


def never_empty_patch(*, max_length: int) -> Any:
    """A PATCH field of `Text` that may be left out but never emptied (a title)."""
    return Field(
        None,
        min_length=1,
        max_length=max_length,
        description='Never empty: null, "" and spaces are refused.',
        json_schema_extra=no_default_in_schema,
    )
