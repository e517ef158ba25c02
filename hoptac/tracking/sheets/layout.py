"""Where everything sits in a tracking sheet, and how a sheet and each of its rows prove where they
came from.

Row 1 names the plan, row 2 says how to fill the sheet in, row 3 heads the columns (frozen), and from
row 4 each activity has one row, in document order. An activity's targets sit in columns, three per
target ("Chỉ tiêu", its unit, "Đạt được"), as many triples as the activity with the most targets has:
one row stays one report, one version and one signature, and sorting or filtering the rows keeps each
target beside its activity.

Each row carries, in hidden columns, its activity id, the progress_version it was exported at, and a
key signed with SECRET_KEY (django.core.signing): the plan id, those two, the ids of the row's targets
in column order, and a digest of the fillable cells as exported. A hidden id or version that was
edited, or a row pasted from another plan's sheet, fails the signature; a row whose digest still
matches was not touched, so it changes nothing. The very hidden sheet META_SHEET holds a signed token
with the plan id and the columns, and the list the status dropdown offers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from hoptac.core.text import fold, nfc
from hoptac.plans.models import Plan, ProgressState

META_SHEET = "hoptac"
META_TOKEN_CELL = "A1"
STATUS_LIST_COLUMN = "C"  # on META_SHEET, rows 1-5: the labels the status dropdown offers
META_SALT = "hoptac.tracking.sheet"
ROW_SALT = "hoptac.tracking.sheet.row"
CAPTION_ROW, HELP_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4

FIXED_COLUMNS = ("number", "title", "time", "lead", "standing", "state", "percent", "result", "completed_on")
SLOT_COLUMNS = ("target", "unit", "achieved")
HIDDEN_COLUMNS = ("activity", "version", "key")
# What a department fills in; with each slot's unit, what the digest of a row covers.
FILLABLE = ("state", "percent", "result", "completed_on")


def columns(slots: int) -> list[str]:
    """The column keys of a sheet with `slots` target triples, left to right."""
    triples = [f"{kind}:{n}" for n in range(1, slots + 1) for kind in SLOT_COLUMNS]
    return [*FIXED_COLUMNS, *triples, *HIDDEN_COLUMNS]


def slot(column: str) -> tuple[str, int]:
    """("achieved", 2) for "achieved:2"; (column, 0) for the other columns."""
    kind, _sep, n = column.partition(":")
    return kind, int(n or 0)


def is_fillable(column: str) -> bool:
    return column in FILLABLE or slot(column)[0] == "achieved"


def is_digested(column: str) -> bool:
    return is_fillable(column) or slot(column)[0] == "unit"


def header(column: str) -> str:
    kind, n = slot(column)
    headers = {
        "number": _("No."),
        "title": _("Activity"),
        "time": _("Time"),
        "lead": _("Lead unit"),
        "standing": _("Standing"),
        "state": _("Status"),
        "percent": _("Percent done"),
        "result": _("Result"),
        "completed_on": _("Completed on (dd/mm/yyyy)"),
        "target": _("Target %(n)d") % {"n": n},
        "unit": _("Unit %(n)d") % {"n": n},
        "achieved": _("Achieved %(n)d") % {"n": n},
        "activity": _("Activity id (do not edit)"),
        "version": _("Version (do not edit)"),
        "key": _("Key (do not edit)"),
    }
    return headers[kind]


def status_labels() -> dict[str, str]:
    """Each progress state's label as the dropdown offers it, in the active language."""
    return {value: capfirst(str(label)) for value, label in ProgressState.choices}


def status_of(text: str) -> str | None:
    """The progress state a cell names, in any interface language, with or without diacritics."""
    wanted = fold(nfc(text))
    if wanted in ProgressState.values:
        return wanted
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in ProgressState.choices:
                if fold(str(label)) == wanted:
                    return value
    return None


def cell_text(value) -> str:
    """A cell's value as comparable text: the same before Excel saved it and after."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        return format(number.normalize(), "f") if number.is_finite() else str(value)
    return nfc(str(value)).replace("\r\n", "\n").strip()


def digest(values: Iterable) -> str:
    return hashlib.sha256("\x1f".join(cell_text(v) for v in values).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class RowKey:
    plan_id: int
    activity_id: int
    version: int
    quantity_ids: tuple[int, ...]
    digest: str


def row_key(key: RowKey) -> str:
    quantities = ",".join(str(pk) for pk in key.quantity_ids)
    text = f"{key.plan_id}:{key.activity_id}:{key.version}:{quantities}:{key.digest}"
    return signing.Signer(salt=ROW_SALT).sign(text)


def read_row_key(text: str) -> RowKey:
    """The key of a row as exported. Raises signing.BadSignature or ValueError for anything else."""
    plan_id, activity_id, version, quantities, row_digest = (
        signing.Signer(salt=ROW_SALT).unsign(text).split(":")
    )
    quantity_ids = tuple(int(pk) for pk in quantities.split(",") if pk)
    return RowKey(int(plan_id), int(activity_id), int(version), quantity_ids, row_digest)


def meta_token(plan: Plan, sheet_columns: list[str], headers: list[str]) -> str:
    facts = {"plan": plan.pk, "number": plan.number, "columns": sheet_columns, "headers": headers}
    return signing.dumps(facts, salt=META_SALT, compress=True)


def read_meta_token(text: str) -> dict:
    """{"plan", "number", "columns", "headers"} as exported. Raises signing.BadSignature."""
    return signing.loads(text, salt=META_SALT)
