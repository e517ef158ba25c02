"""The tracking sheet over the REST API, as on its page: a filled-in sheet is checked (a dry run that
answers each row's change and a token), then the token applies those changes, all or none."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile

from hoptac.plans.selectors import access_plan
from hoptac.tracking.services.sheet_import import sheet_apply, sheet_check
from hoptac.tracking.sheet_views import SheetFileForm

router = Router(tags=["tracking"])


class ChangeOut(Schema):
    label: str
    old: str
    new: str


class RowOut(Schema):
    row: int
    activity: str
    outcome: str = Field(description="change, unchanged, error, conflict, not_yours or removed")
    messages: list[str]
    changes: list[ChangeOut]


class SheetOut(Schema):
    """What importing the sheet would do, or did. With any error, nothing was saved."""

    file_name: str
    applied: bool
    errors: list[str]
    rows: list[RowOut]
    untouched: int
    token: str = Field(description="Send it to .../sheet/apply to apply the changes; empty if none can be.")


class ApplyIn(Schema):
    token: str = Field(min_length=1, max_length=100_000)


@router.post("/plans/{plan_id}/sheet/check", response=SheetOut)
def check_sheet(request: HttpRequest, plan_id: int, file: File[UploadedFile]):
    """The dry run of a filled-in tracking sheet (.xlsx, exported from the plan's page): saves nothing."""
    plan = access_plan(user=request.auth, plan_id=plan_id)
    form = SheetFileForm(files={"file": file})
    if not form.is_valid():
        raise ValidationError(form.errors["file"])
    return sheet_check(plan=plan, user=request.auth, data=file.read(), file_name=file.name)


@router.post("/plans/{plan_id}/sheet/apply", response=SheetOut)
def apply_sheet(request: HttpRequest, plan_id: int, body: ApplyIn):
    """Apply the changes a check found (within the hour), all in one transaction, or none of them."""
    plan = access_plan(user=request.auth, plan_id=plan_id)
    return sheet_apply(plan=plan, user=request.auth, token=body.token)
