"""The review queue (docs/adr/0020): files the worker reads in the background wait for review, never
saved unseen. Those read with confidence can be saved together in one click; the rest are opened one
by one; a file with nothing readable is refused with its reason."""

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from hoptac.accounts.models import User
from hoptac.plans.errors import PlanError, UnreadableDocument
from hoptac.plans.models import ImportBatch, Plan, Upload
from hoptac.plans.reading import document_read, refuse_empty
from hoptac.plans.services.importing import (
    SURE,
    ImportReview,
    import_review,
    reading_issuer,
    sure_decisions,
    upload_confirm,
)

# Kinds whose reading is a plan with work to track: without activities such a reading is not sure.
PLAN_KINDS = ("plan", "programme")


def upload_read_queued(*, upload: Upload) -> None:
    """Read a queued upload for its review (a file of a batch, or one OCR reads); a file that cannot
    be read is marked failed with the reason. Safe to run twice.

    No transaction is held while the engine reads, which takes minutes for a long scan: each write
    applies only while the upload is still queued, so a second run changes nothing."""
    queued = Upload.objects.filter(pk=upload.pk, state=Upload.State.QUEUED)
    if not queued.update(read_started_at=timezone.now()):
        return
    try:
        with upload.file.open("rb") as file:
            document = refuse_empty(document_read(data=file.read(), name=upload.name), name=upload.name)
    except UnreadableDocument as error:
        queued.update(state=Upload.State.FAILED, error=str(error), updated_at=timezone.now())
        return
    upload.reading = document.reading.to_dict()
    queued.update(
        state=Upload.State.READ,
        reading=upload.reading,
        text=document.text,
        is_sure=is_sure(import_review(upload=upload)),
        updated_at=timezone.now(),
    )


def is_sure(review: ImportReview) -> bool:
    """Read with confidence: the issuer found in the registry, a number, a date and a title, the
    activities of a plan, no warning from the engine, and not already in the register. Unit names
    not found stay as written, as on the review page's default."""
    reading: Mapping[str, Any] = review.upload.reading
    return (
        review.issuer.organisation is not None
        and review.issuer.confidence >= SURE
        and bool(reading.get("number") and reading.get("date") and reading.get("title"))
        and (reading.get("kind") not in PLAN_KINDS or bool(reading.get("activities")))
        and not reading.get("warnings")
        and review.duplicate is None
    )


def batch_save_sure(*, batch: ImportBatch, by: User) -> list[Plan]:
    """Save every upload of `batch` read with confidence, each on its own (one failing leaves the
    others saved, and is marked failed with its reason); the plans saved, in file order."""
    plans: list[Plan] = []
    for upload in batch.uploads.filter(state=Upload.State.READ, is_sure=True).order_by("pk"):
        review = import_review(upload=upload)
        issuer, new_issuer_name = reading_issuer(review)
        try:
            plan = upload_confirm(
                upload=upload,
                issuer=issuer,
                decisions=sure_decisions(review),
                by=by,
                new_issuer_name=new_issuer_name,
            )
        except PlanError as error:
            Upload.objects.filter(pk=upload.pk, state=Upload.State.READ).update(
                state=Upload.State.FAILED, error=str(error), updated_at=timezone.now()
            )
        else:
            plans.append(plan)
    return plans
