"""Tracking: the reports on activities, their evidence and quantities, and department cost estimates.

An activity's current progress lives on the activity row itself (plans.Activity.progress_state and its
neighbours) so that the status split and roll-ups are plain column reads; every report that set it is
kept here, append-only, with who sent it and when (docs/adr/0013).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity, Plan, ProgressState, Quantity


class ProgressUpdate(models.Model):
    """One report on an activity: a progress update by its lead unit, or a comment by a coordinating
    unit (which changes nothing on the activity)."""

    class Kind(models.TextChoices):
        UPDATE = "update", _("progress update")
        COMMENT = "comment", _("comment")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="progress_updates")
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.UPDATE)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    state = models.CharField(_("progress"), max_length=12, choices=ProgressState.choices, blank=True)
    percent = models.PositiveSmallIntegerField(_("percent done"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["activity", "-at"]),)
        constraints = (
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100), name="update_percent_at_most_100"
            ),
        )

    def __str__(self) -> str:
        return f"{self.activity_id} {self.kind} {self.at:%Y-%m-%d}"


class QuantityReport(models.Model):
    """What an update reported reaching on one of the activity's targets."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="quantities")
    quantity = models.ForeignKey(Quantity, on_delete=models.CASCADE, related_name="reports")
    value = models.DecimalField(max_digits=14, decimal_places=2)

    def __str__(self) -> str:
        return f"{self.value} {self.quantity.unit}"


class Evidence(models.Model):
    """A file sent with a report: minutes, photos, a list of participants."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField()
    checksum = models.CharField(max_length=64)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name


class Supervision(models.Model):
    """The vice-chair in charge of a department: the second step of its cost estimates."""

    department = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="supervision")
    vice_chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.department} ← {self.vice_chair}"


class CostEstimate(models.Model):
    """Dự toán of a department's sub-plan: lines of quantity × unit price, approved by the department,
    then the vice-chair in charge, then the standing members (services in cost_estimates.py)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("sent to the vice-chair in charge")
        ENDORSED = "endorsed", _("sent to the standing members")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for changes")

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="cost_estimate")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    note = models.TextField(_("note"), blank=True)

    def __str__(self) -> str:
        return f"{self.plan_id} {self.state}"


class CostEstimateStep(models.Model):
    """Who moved an estimate along, when, from which state to which, with what note."""

    estimate = models.ForeignKey(CostEstimate, on_delete=models.CASCADE, related_name="steps")
    from_state = models.CharField(max_length=10, choices=CostEstimate.State.choices)
    to_state = models.CharField(max_length=10, choices=CostEstimate.State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class CostLine(models.Model):
    estimate = models.ForeignKey(CostEstimate, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveIntegerField(default=0)
    description = models.TextField(_("item"))
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_price = models.DecimalField(_("unit price"), max_digits=16, decimal_places=0)

    class Meta:
        ordering = ("position", "pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(quantity__gte=0) & Q(unit_price__gte=0), name="cost_line_not_negative"
            ),
        )

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def total(self):
        return self.quantity * self.unit_price
