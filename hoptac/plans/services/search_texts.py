"""The stored search text of plans and activities, made again (docs/adr/0011)."""

from django.db import transaction

from hoptac.plans.models import Activity, Plan
from hoptac.plans.search_text import activity_search_text, plan_search_text


def search_texts_rebuild(*, batch_size: int = 500) -> tuple[int, int]:
    """Make the stored search text of every plan and activity again (after `search_form` changed:
    docs/adr/0011). Returns how many plans and activities were rewritten."""
    plans = Plan.objects.only(
        "number", "title", "issuer_name", "signer_name", "document_kind", "kind", "search_text"
    )
    activities = Activity.objects.only("number", "title", "content", "location", "search_text")
    return (
        _rewrite(plans, plan_search_text, batch_size=batch_size),
        _rewrite(activities, activity_search_text, batch_size=batch_size),
    )


def _rewrite(rows, search_text, *, batch_size: int) -> int:
    # Page by primary key rather than iterate one cursor: SQLite does not isolate a cursor from the
    # writes of its own connection.
    count, last = 0, 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk")[:batch_size]):
        last = batch[-1].pk
        changed = [row for row in batch if _refresh(row, search_text)]
        with transaction.atomic():
            rows.model.objects.bulk_update(changed, ["search_text"])
        count += len(changed)
    return count


def _refresh(row, search_text) -> bool:
    text = search_text(row)
    if text == row.search_text:
        return False
    row.search_text = text
    return True
