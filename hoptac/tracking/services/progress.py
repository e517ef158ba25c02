"""Reports on activities: a progress update by the lead unit, a comment by a coordinating unit.

Each is checked whole before anything is written: a percent outside 0-100, a quantity of another
activity or in another unit, a file too large or of an unknown kind, an update begun before someone
else's: nothing is saved, the message says why (Vietnamese in the interface)."""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User
from hoptac.core.text import fold, nfc
from hoptac.core.uploads import content_mismatch
from hoptac.plans.models import Activity, ProgressState, Quantity
from hoptac.plans.services.rollup import refresh_rollup
from hoptac.tracking.errors import ProgressConflict, TrackingError
from hoptac.tracking.models import Evidence, ProgressUpdate, QuantityReport
from hoptac.tracking.selectors import can_comment, can_report_progress

EVIDENCE_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".odt",
    ".ods",
    ".jpg",
    ".jpeg",
    ".png",
    ".txt",
)
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
RESULT_MAX_CHARS = 10_000

REPORTED_MEANWHILE = _(
    "Someone else reported on this activity while you were writing. Nothing was saved: reload the "
    "activity, read the newer report, and send yours again."
)


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    data: bytes
    # The size the client sent, when the upload handler dropped a file past the cap (core/upload_handlers.py).
    size: int | None = None


@dataclass
class ProgressReport:
    """What a lead unit sends about one activity. `quantities` maps a target (Quantity id) to what was
    reached; `units` optionally names the unit each value is in, to be checked against the target's."""

    state: str
    percent: int | None = None
    result: str = ""
    completed_on: date | None = None
    note: str = ""
    quantities: dict[int, Decimal] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)
    files: list[EvidenceFile] = field(default_factory=list)


def progress_report(*, activity: Activity, version: int, by: User, report: ProgressReport) -> Activity:
    """Apply `report` to `activity` if nobody reported since `version` (its progress_version); keep the
    report, its quantities and files; refresh the plan's roll-up. All or nothing."""
    if not can_report_progress(by, activity):
        raise PermissionDenied
    state, percent, completed_on = _checked_progress(report)
    targets = {q.pk: q for q in Quantity.objects.filter(activity=activity)}
    values = _checked_quantities(report, targets)
    _check_files(report.files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            current = Activity.objects.select_for_update().get(pk=activity.pk)
            if current.progress_version != version:
                raise ProgressConflict(REPORTED_MEANWHILE)
            update = ProgressUpdate.objects.create(
                activity=current,
                kind=ProgressUpdate.Kind.UPDATE,
                by=by,
                by_organisation=by.organisation,
                state=state,
                percent=percent,
                result=nfc(report.result).strip(),
                completed_on=completed_on,
                note=nfc(report.note).strip(),
            )
            for pk, value in values.items():
                QuantityReport.objects.create(update=update, quantity=targets[pk], value=value)
                Quantity.objects.filter(pk=pk).update(achieved=value)
            stored += _store_files(update, report.files)
            current.progress_state, current.percent, current.completed_on = state, percent, completed_on
            current.result = update.result or current.result
            current.progress_version += 1
            current.progress_at, current.progress_by = update.at, by
            current.save(
                update_fields=[
                    "progress_state",
                    "percent",
                    "completed_on",
                    "result",
                    "progress_version",
                    "progress_at",
                    "progress_by",
                ]
            )
            refresh_rollup(current.plan_id)
    except BaseException:
        _remove(stored)
        raise
    current.refresh_from_db()
    return current


def progress_comment(
    *, activity: Activity, by: User, note: str, files: list[EvidenceFile] = ()
) -> ProgressUpdate:
    """A coordinating unit's comment on an activity, with files; it changes nothing on the activity."""
    if not can_comment(by, activity):
        raise PermissionDenied
    note = nfc(note).strip()
    if not note:
        raise TrackingError(_("Write the comment first."))
    if len(note) > RESULT_MAX_CHARS:
        raise TrackingError(_("A comment is at most %(n)s characters.") % {"n": RESULT_MAX_CHARS})
    _check_files(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            update = ProgressUpdate.objects.create(
                activity=activity,
                kind=ProgressUpdate.Kind.COMMENT,
                by=by,
                by_organisation=by.organisation,
                note=note,
            )
            stored += _store_files(update, files)
    except BaseException:
        _remove(stored)
        raise
    return update


def parse_percent(value) -> int | None:
    """A percent as typed ("60", "60%", 60.0); None when empty; TrackingError when not 0-100."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise TrackingError(_("“%(value)s” is not a percent.") % {"value": value}) from None
    if not number.is_finite() or number < 0 or number > 100 or number != number.to_integral_value():
        raise TrackingError(
            _("The percent done is a whole number from 0 to 100, not %(value)s.") % {"value": value}
        )
    return int(number)


def parse_amount(value) -> Decimal | None:
    """A reached quantity as typed ("158", "1.200", "12,5"); None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().replace(" ", "")
        # Vietnamese writes 1.200 for a thousand two hundred and 12,5 for twelve and a half.
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif text.count(".") > 1 or (text.count(".") == 1 and len(text.split(".")[1]) == 3):
            text = text.replace(".", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise TrackingError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not number.is_finite() or number < 0 or number >= Decimal("1e12"):
        raise TrackingError(
            _("A quantity reached is a number of 0 or more, not %(value)s.") % {"value": value}
        )
    return number.quantize(Decimal("0.01"))


def _checked_progress(report: ProgressReport) -> tuple[str, int, date | None]:
    if report.state not in ProgressState.values:
        raise TrackingError(_("“%(value)s” is not a progress status.") % {"value": report.state})
    percent = parse_percent(report.percent)
    state = report.state
    if len(report.result) > RESULT_MAX_CHARS or len(report.note) > RESULT_MAX_CHARS:
        raise TrackingError(_("A result is at most %(n)s characters.") % {"n": RESULT_MAX_CHARS})
    today = timezone.localdate()
    if report.completed_on is not None and report.completed_on > today:
        raise TrackingError(_("The completion date cannot be after today."))
    if state == ProgressState.DONE:
        return state, 100, report.completed_on or today
    if percent is None:
        percent = 0
    if percent == 100 and state == ProgressState.IN_PROGRESS:
        raise TrackingError(_("At 100% the activity is done: choose “done”, or give a lower percent."))
    if percent > 0 and state == ProgressState.NOT_STARTED:
        state = ProgressState.IN_PROGRESS
    return state, percent, None


def _checked_quantities(report: ProgressReport, targets: dict[int, Quantity]) -> dict[int, Decimal]:
    values = {}
    for pk, raw in report.quantities.items():
        target = targets.get(pk)
        if target is None:
            raise TrackingError(_("A quantity reported is not one of this activity's targets."))
        unit = report.units.get(pk)
        if unit and fold(nfc(unit)).strip() != fold(target.unit).strip():
            raise TrackingError(
                _("“%(target)s” is counted in “%(unit)s”, not in “%(given)s”.")
                % {"target": str(target), "unit": target.unit, "given": unit}
            )
        value = parse_amount(raw)
        if value is not None:
            values[pk] = value
    return values


def _check_files(files) -> None:
    for item in files:
        name = nfc(item.name).strip()
        if not name.lower().endswith(EVIDENCE_SUFFIXES):
            raise TrackingError(
                _("“%(name)s” is not a kind of file kept as evidence (PDF, Word, Excel, image or text).")
                % {"name": name}
            )
        if max(len(item.data), item.size or 0) > EVIDENCE_MAX_BYTES:
            raise TrackingError(_("“%(name)s” is larger than 20 MB.") % {"name": name})
        if not item.data:
            raise TrackingError(_("“%(name)s” is empty.") % {"name": name})
        if mismatch := content_mismatch(name, item.data):
            raise TrackingError(mismatch)


def _store_files(update: ProgressUpdate, files) -> list[str]:
    stored = []
    for item in files:
        name = nfc(item.name).strip()[-255:]
        evidence = Evidence(
            update=update, name=name, size=len(item.data), checksum=hashlib.sha256(item.data).hexdigest()
        )
        evidence.file.save(name, ContentFile(item.data), save=False)
        stored.append(evidence.file.name)
        evidence.save()
    return stored


def _remove(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
