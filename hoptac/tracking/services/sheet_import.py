"""A filled-in tracking sheet back into the system: a dry run that shows each row's change, then the
confirmed import, both through progress_report (the one way progress is written, with its permission,
validation and version checks).

Each row is one of:
- untouched (its fillable cells are as exported): nothing to do, only counted;
- an error (hidden cells edited, a row of another plan, the same activity twice, a status not in the
  list, a percent outside 0-100, a quantity in another unit...): any error blocks the whole import;
- skipped, and listed with the reason: the activity was removed from the plan, is not the user's to
  report on, or someone reported on it in the system after the export (its version moved on: a newer
  change is never overwritten);
- no change (touched, but the values are the system's);
- a change, shown old → new.

The dry run sends each changed row through progress_report inside a transaction it then rolls back,
so what it shows is what the import will store ("done" sets 100%, a percent above 0 starts the
activity...). The rows to apply travel to the confirm step in a token signed for this user and this
plan (django.core.signing, at most CONFIRM_MAX_AGE_S old): nothing is kept on the server, and replaying
the token is harmless, since every row names the version it was checked at. The confirmed import
applies every row in one transaction: if any row fails then (someone reported on it since the dry run),
nothing is applied, and the page says which row and why.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoptac.accounts.models import User
from hoptac.plans.models import Activity, Plan, Quantity
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.selectors import lead_assignments
from hoptac.tracking.services.progress import ProgressReport, progress_report
from hoptac.tracking.sheets.layout import cell_text, status_labels
from hoptac.tracking.sheets.outcomes import Change, Outcome, PendingRow, RowOutcome, SheetCheck
from hoptac.tracking.sheets.read import sheet_read
from hoptac.tracking.sheets.row_checks import sorted_row

CONFIRM_MAX_AGE_S = 3600

NOTHING_SAVED = gettext_lazy(
    "Nothing was imported: the rows below could not be applied as they were checked. Upload the file "
    "again to see the rows as they stand now."
)


def sheet_check(*, plan: Plan, user: User, data: bytes, file_name: str) -> SheetCheck:
    """The dry run: read the sheet, check every row, and work out each change. Saves nothing."""
    check = SheetCheck(file_name=file_name)
    try:
        rows = sheet_read(data=data, file_name=file_name, plan=plan)
    except TrackingError as error:
        check.errors.append(str(error))
        return check
    if not rows:
        check.errors.append(_("%(file)s has no activity rows.") % {"file": file_name})
        return check
    activities = {a.pk: a for a in plan.activities.prefetch_related(lead_assignments(), "quantities")}
    first_row_of: dict[int, int] = {}
    pending: list[PendingRow] = []
    for row in rows:
        outcome = sorted_row(row, plan, user, activities, first_row_of, file_name)
        if isinstance(outcome, PendingRow):
            pending.append(outcome)
        elif outcome is None:
            check.untouched += 1
        else:
            check.rows.append(outcome)
    if pending:
        with transaction.atomic():
            check.rows += _run(plan=plan, user=user, pending=pending)
            transaction.set_rollback(True)
    check.rows.sort(key=lambda r: r.row)
    if check.can_confirm:
        changed = {r.row for r in check.changed}
        facts = {"file": file_name, "rows": [_pending_json(p) for p in pending if p.row in changed]}
        check.token = signing.dumps(facts, salt=_confirm_salt(user, plan), compress=True)
    return check


def sheet_apply(*, plan: Plan, user: User, token: str) -> SheetCheck:
    """Apply the changes a dry run found, all in one transaction, or none of them."""
    try:
        facts = signing.loads(token, salt=_confirm_salt(user, plan), max_age=CONFIRM_MAX_AGE_S)
    except signing.SignatureExpired:
        check = SheetCheck(file_name="")
        check.errors.append(_("The check is more than an hour old: upload the file again."))
        return check
    except signing.BadSignature:
        check = SheetCheck(file_name="")
        check.errors.append(_("The check could not be verified: upload the file again."))
        return check
    check = SheetCheck(file_name=facts["file"])
    pending = [_pending_from(p) for p in facts["rows"]]
    try:
        with transaction.atomic():
            outcomes = _run(plan=plan, user=user, pending=pending)
            if any(o.outcome == Outcome.ERROR for o in outcomes):
                raise _Refused(outcomes)
    except _Refused as refused:
        check.errors.append(str(NOTHING_SAVED))
        check.rows = [o for o in refused.outcomes if o.outcome == Outcome.ERROR]
        return check
    check.applied = True
    check.rows = outcomes
    return check


class _Refused(Exception):
    def __init__(self, outcomes: list[RowOutcome]):
        super().__init__()
        self.outcomes = outcomes


def _run(*, plan: Plan, user: User, pending: list[PendingRow]) -> list[RowOutcome]:
    """Send each row through progress_report, in the caller's transaction, and compare before and after."""
    activities = plan.activities.filter(pk__in=[p.activity_id for p in pending])
    loaded = {a.pk: a for a in activities.prefetch_related(lead_assignments(), "quantities")}
    outcomes = []
    for item in pending:
        activity = loaded.get(item.activity_id)
        if activity is None:
            message = _("Row %(row)d: this activity was removed from the plan after the export.")
            outcomes.append(RowOutcome(item.row, "", Outcome.ERROR, messages=[message % {"row": item.row}]))
            continue
        targets = {q.pk: q for q in activity.quantities.all()}
        try:
            with transaction.atomic():
                updated = progress_report(
                    activity=activity, version=item.version, by=user, report=item.report
                )
                achieved = dict(Quantity.objects.filter(activity=updated).values_list("pk", "achieved"))
        except (TrackingError, PermissionDenied) as problem:
            reason = (
                problem if isinstance(problem, TrackingError) else _("you may not report on this activity.")
            )
            message = _("Row %(row)d: %(message)s") % {"row": item.row, "message": reason}
            outcomes.append(RowOutcome(item.row, str(activity), Outcome.ERROR, messages=[message]))
            continue
        changes = _changes(activity, updated, targets, achieved)
        kind = Outcome.CHANGE if changes else Outcome.UNCHANGED
        outcomes.append(RowOutcome(item.row, str(activity), kind, changes=changes))
    return outcomes


def _changes(
    before: Activity, after: Activity, targets: dict[int, Quantity], achieved: dict[int, Decimal | None]
) -> list[Change]:
    labels = status_labels()
    shown = [
        (_("Status"), labels[before.progress_state], labels[after.progress_state]),
        (_("Percent done"), f"{before.percent}%", f"{after.percent}%"),
        (_("Result"), before.result, after.result),
        (_("Completed on"), _date_text(before.completed_on), _date_text(after.completed_on)),
    ]
    for pk, target in sorted(targets.items()):
        written = target.text or f"{cell_text(target.value)} {target.unit}"
        label = _("Achieved (target %(target)s)") % {"target": written}
        shown.append((label, _amount_text(target.achieved), _amount_text(achieved.get(pk))))
    return [Change(str(label), old or "—", new or "—") for label, old, new in shown if old != new]


def _amount_text(value: Decimal | None) -> str:
    return "" if value is None else cell_text(value)


def _date_text(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def _confirm_salt(user: User, plan: Plan) -> str:
    return f"hoptac.tracking.sheet.confirm:{user.pk}:{plan.pk}"


def _pending_json(item: PendingRow) -> dict:
    report = item.report
    return {
        "row": item.row,
        "activity": item.activity_id,
        "version": item.version,
        "state": report.state,
        "percent": report.percent,
        "result": report.result,
        "note": report.note,
        "completed_on": report.completed_on.isoformat() if report.completed_on else None,
        "quantities": {str(pk): str(value) for pk, value in report.quantities.items()},
        "units": {str(pk): unit for pk, unit in report.units.items()},
    }


def _pending_from(facts: dict) -> PendingRow:
    completed_on = facts["completed_on"]
    report = ProgressReport(
        state=facts["state"],
        percent=facts["percent"],
        result=facts["result"],
        note=facts["note"],
        completed_on=date.fromisoformat(completed_on) if completed_on else None,
        quantities={int(pk): Decimal(value) for pk, value in facts["quantities"].items()},
        units={int(pk): unit for pk, unit in facts["units"].items()},
    )
    return PendingRow(
        row=facts["row"], activity_id=facts["activity"], version=facts["version"], report=report
    )
