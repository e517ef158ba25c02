"""Plans and what they are made of: bases, the activity tree, assignments, deadlines, recipients.

Names written in the document are kept as written beside the organisation they were resolved to; a
name nobody resolved keeps `organisation` empty rather than a guess.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from hoptac.core.generation import GENERATION_TABLE
from hoptac.core.models import TimeStamped
from hoptac.orgs.models import Organisation, OrganisationKind

# Bodies of an alliance whose documents are the alliance's own (its departments, its leadership).
BODY_KINDS = (OrganisationKind.DEPARTMENT, OrganisationKind.LEADERSHIP)


def register_of(issuer: Organisation) -> Organisation:
    """Whose register keeps the documents `issuer` signs: a body's alliance, else the issuer itself."""
    if issuer.kind in BODY_KINDS and issuer.parent_id is not None:
        return issuer.parent
    return issuer


def is_received_by(issuer: Organisation, holder: Organisation) -> bool:
    """A document of `issuer` in `holder`'s register is a received one unless `holder` issued it."""
    return register_of(issuer).pk != holder.pk


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    ISSUED = "issued", _("issued")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


class PlanKind(models.TextChoices):
    PLAN = "plan", _("plan")
    ARTICLE = "article", _("news article")
    OTHER = "other", _("other document")


class DocumentKind(models.TextChoices):
    """What the engine read the document as (its `kind`, docs/adr/0003), kept beside the plan's kind."""

    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")
    DECISION = "decision", _("Decision")
    NOTICE = "notice", _("Notice")
    LETTER = "letter", _("Official letter")
    REPORT = "report", _("Report")
    DIRECTIVE = "directive", _("Directive")
    GUIDANCE = "guidance", _("Guidance")
    ARTICLE = "article", _("News article")
    UNKNOWN = "unknown", _("Unknown kind")


class ProgressState(models.TextChoices):
    """How far an activity has come, as its lead unit reports it."""

    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


class Precision(models.TextChoices):
    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half-year")
    YEAR = "year", _("year")
    RANGE = "range", _("range")


class Plan(TimeStamped):
    issuer = models.ForeignKey(
        Organisation, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="plans"
    )
    issuer_name = models.TextField(_("issuer as written"), blank=True)
    # Whose register keeps this copy (docs/adr/0020): the alliance that wrote or imported it. When the
    # issuer is neither the holder nor one of its bodies, the copy is a received document (văn bản
    # đến): the holder reads, assigns and tracks it; the issuer's users see only their own copy.
    held_by = models.ForeignKey(
        Organisation, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="held_plans"
    )
    is_received = models.BooleanField(_("received document"), default=False)
    # The same document held by another register (same checksum, or issuer, number and date): the
    # first copy in the system, the issuer's own when it has one.
    copy_of = models.ForeignKey(
        "self", verbose_name=_("copy of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices, default=PlanKind.PLAN)
    # What an imported document was read as ("decision", "letter"...); blank for a plan written here.
    document_kind = models.CharField(
        _("kind of document"), max_length=10, choices=DocumentKind.choices, blank=True
    )
    number = models.CharField(_("number and symbol"), max_length=100, blank=True, db_index=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    type_code = models.CharField(_("type code"), max_length=10, blank=True)
    issuer_code = models.CharField(_("issuer code"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    title = models.TextField(_("title"))
    funding = models.TextField(_("funding"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    signer_authority = models.TextField(_("signing authority"), blank=True)
    signer_title = models.TextField(_("signer's title"), blank=True)
    signer_name = models.CharField(_("signer"), max_length=200, blank=True)
    source_file = models.FileField(_("original file"), upload_to="plans/%Y/", blank=True)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    checksum = models.CharField(_("SHA-256 of the original"), max_length=64, blank=True, db_index=True)
    source_text = models.TextField(_("text of the document"), blank=True)
    # A recipient line such as "Các HTX, LHHTX và QTDND thành viên": every member of the issuer reads it.
    is_addressed_to_members = models.BooleanField(_("addressed to all members"), default=False)
    # Number, title and issuer folded by core.text.fold, for full-text search (core/search.py).
    search_text = models.TextField(blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A department's sub-plan details one activity its department leads (docs/adr/0013).
    details = models.ForeignKey(
        "Activity",
        verbose_name=_("details the activity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="detail_plans",
    )
    # Roll-up (hoptac/plans/rollup.py): the weight among the issuer's plans, and the plan's percent
    # done from its activities, kept up to date on every progress update and structural change.
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    progress_percent = models.FloatField(_("percent done"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "source_text", "progress_percent"])

    class Meta:
        ordering = (
            "-issued_on",
            "-pk",
        )
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = (
            # Decree 30: a number runs per issuer, type of document and year; each register holds
            # one copy of a document.
            models.UniqueConstraint(
                fields=["held_by", "issuer", "type_code", "year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="plan_number_unique_per_holder_issuer_type_year",
            ),
        )
        indexes = (
            models.Index(fields=["issuer", "-issued_on"]),
            models.Index(fields=["held_by", "-issued_on"]),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def save(self, *args, **kwargs) -> None:
        # A plan written or cascaded here is held by its issuer's register (a department's by its
        # alliance); an import names its holder, and whether it is received, itself.
        if self.held_by_id is None and self.issuer_id is not None:
            self.held_by = register_of(self.issuer)
            self.is_received = False
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])


class PlanStatusChange(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=PlanStatus.choices)
    to_status = models.CharField(max_length=10, choices=PlanStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = (
            "changed_at",
            "pk",
        )

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Basis(models.Model):
    """A document the plan rests on; `implements` links it when that plan is in the system."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bases")
    position = models.PositiveIntegerField(default=0)
    number = models.CharField(max_length=100, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    issuer_name = models.TextField(blank=True)
    text = models.TextField()
    implements = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="implemented_by"
    )

    class Meta:
        ordering = (
            "position",
            "pk",
        )

    def __str__(self) -> str:
        return self.number or self.text[:80]


class Activity(models.Model):
    """One activity of a plan. `position` is the document order over the whole plan (a pre-order walk
    of the tree), so a plan's tree is read with one ordered query; `depth` is 0 for top-level items."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.TextField(pgettext_lazy("activity", "title"))
    content = models.TextField(_("content"), blank=True)
    targets = models.TextField(_("participants"), blank=True)
    form = models.TextField(_("form"), blank=True)
    location = models.TextField(_("location"), blank=True)
    time_text = models.TextField(_("time as written"), blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    precision = models.CharField(_("precision"), max_length=10, choices=Precision.choices, blank=True)
    is_tentative = models.BooleanField(_("tentative"), default=False)
    peak_starts_on = models.DateField(_("peak start"), null=True, blank=True)
    peak_ends_on = models.DateField(_("peak end"), null=True, blank=True)
    is_deadline = models.BooleanField(_("deadline only"), default=False)
    is_set_by_other = models.BooleanField(_("time set by another body"), default=False)
    funding = models.TextField(_("funding"), blank=True)
    # An activity copied from the plan of the level above by "implement" (hoptac/plans/services/cascade.py).
    derived_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="derived"
    )
    # Optimistic locking: a save names the version it started from; a newer one in the table is a conflict.
    version = models.PositiveIntegerField(default=1)
    # Number, title, content and location folded by core.text.fold, for full-text search.
    search_text = models.TextField(blank=True, default="", editable=False)
    # Progress as the lead unit last reported it (hoptac/tracking); each report is a ProgressUpdate.
    # `progress_version` is the optimistic lock of progress, apart from `version`, so a report never
    # conflicts with an edit of the wording.
    progress_state = models.CharField(
        _("progress"), max_length=12, choices=ProgressState.choices, default=ProgressState.NOT_STARTED
    )
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    result = models.TextField(_("result"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    progress_version = models.PositiveIntegerField(default=0)
    progress_at = models.DateTimeField(_("progress reported at"), null=True, blank=True)
    progress_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Derived: the percent done of this activity with its sub-activities (hoptac/plans/rollup.py).
    rollup_percent = models.FloatField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "rollup_percent"])

    class Meta:
        ordering = (
            "plan",
            "position",
        )
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = (
            models.Index(fields=["plan", "position"]),
            models.Index(fields=["ends_on"]),
        )
        constraints = (
            models.CheckConstraint(condition=Q(percent__lte=100), name="activity_percent_at_most_100"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="activity_weight_not_negative"),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Quantity(models.Model):
    """A target to reach: "ít nhất 200 tin bài" is 200 of "tin bài", at least."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="quantities")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    is_minimum = models.BooleanField(default=False)
    # What the lead unit reported reaching, in the same unit: "158 of 200 news items".
    achieved = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    def __str__(self) -> str:
        return self.text or f"{self.value} {self.unit}"


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("lead")
    COORDINATING = "coordinating", _("coordinating")
    INFORMED = "informed", _("informed")


class Assignment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=12, choices=AssignmentRole.choices)
    name_as_written = models.TextField(blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assignments"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["activity", "organisation", "role"],
                condition=Q(organisation__isnull=False),
                name="assignment_unique_per_role",
            ),
        )
        indexes = (
            models.Index(fields=["organisation", "role"]),
            # Few assignments name a person: SQLite's statistics count the NULLs of the plain index on
            # person as one value shared by every row, and then scan the table for "person = ?".
            models.Index(
                fields=["person"], condition=Q(person__isnull=False), name="assignment_person_named"
            ),
        )

    def __str__(self) -> str:
        return f"{self.role}: {self.name_as_written}"


class Deadline(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deadlines")
    due_on = models.DateField(null=True, blank=True)
    text = models.TextField()
    what = models.TextField(blank=True)
    who = models.TextField(blank=True)

    class Meta:
        ordering = (
            "due_on",
            "pk",
        )

    def __str__(self) -> str:
        return self.text[:80]


class Recipient(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    position = models.PositiveIntegerField(default=0)
    name = models.TextField()
    purpose = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="addressed_plans"
    )

    class Meta:
        ordering = (
            "position",
            "pk",
        )
        indexes = (models.Index(fields=["organisation", "plan"]),)

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, blank=True)
    role = models.TextField(blank=True)
    phones = models.TextField(blank=True)
    emails = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or self.phones or self.emails


class ImportBatch(TimeStamped):
    """Files uploaded together, read one by one by the worker."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="import_batches")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")


class Upload(TimeStamped):
    """One document on its way to becoming a plan: read, reviewed, then saved (or refused)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to be read")
        READ = "read", _("read, waiting for review")
        SAVED = "saved", _("saved as a plan")
        FAILED = "failed", _("could not be imported")

    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="uploads"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="uploads")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="uploads/%Y/%m/", blank=True)
    checksum = models.CharField(max_length=64, db_index=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    reading = models.JSONField(null=True, blank=True)
    text = models.TextField(blank=True)
    error = models.TextField(blank=True)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A single file read by the worker because OCR reads it (seconds a page): how many pages need OCR
    # and when the worker began, from which its page shows an estimate of how far it got.
    ocr_pages = models.PositiveSmallIntegerField(default=0)
    read_started_at = models.DateTimeField(null=True, blank=True)
    # Read with confidence (plans/services/queue.py): the review queue may save it in one click with the rest.
    is_sure = models.BooleanField(default=False)
    # The interface language of the request that queued it: the worker writes its refusal in it.
    language = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ("pk",)


class GenerationCounter(models.Model):
    """The data generation of one scope ("all", "org:12", "plan:345", "directory", "user:7"), raised by
    database triggers on every write to what the scope covers (plans/generation_triggers.py). Cached
    page fragments carry the counters of what they show in their key (docs/adr/0025). Read only by
    core/generation.py, in raw SQL."""

    scope = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = GENERATION_TABLE

    def __str__(self) -> str:
        return f"{self.scope}={self.value}"
