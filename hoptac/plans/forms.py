from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from hoptac.core.search import full_text_filter
from hoptac.core.text import nfc
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.plans.errors import EmptyTitle, TitleTooLong
from hoptac.plans.models import Activity, AssignmentRole, Plan, PlanKind, PlanStatus
from hoptac.plans.selectors import plans_scope
from hoptac.plans.services.changes import END_BEFORE_START, checked_title
from hoptac.plans.services.importing import NO_ISSUER, UnitDecision, reading_issuer

# The formats the document engine reads, by the suffix it goes by.
DOCUMENT_SUFFIXES = (".docx", ".doc", ".odt", ".rtf", ".pdf", ".html", ".htm", ".txt")

NOTHING_TO_READ = _("Choose a file or paste the text of a document.")
FILE_AND_TEXT = _("Choose a file or paste text, not both.")
FILE_TOO_LARGE = _(
    "%(name)s is %(size)s, over the limit of %(limit)s MB. Upload a smaller file, or paste its text."
)
FILE_NOT_A_DOCUMENT = _(
    "%(name)s is not a file hoptac reads. Upload a .docx, .doc, .odt, .rtf, .pdf, .html, .htm or .txt file."
)


class DocumentForm(forms.Form):
    """A document to read: an uploaded file or pasted text, exactly one of them."""

    file = forms.FileField(
        label=_("Document file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ",".join(DOCUMENT_SUFFIXES)}),
    )
    text = forms.CharField(
        label=_("Paste the document's text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )

    @property
    def upload_limit_mb(self) -> int:
        return settings.UPLOAD_MAX_BYTES // (1024 * 1024)

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file is None:
            return None
        return self.check_file(file)

    @staticmethod
    def check_file(file):
        """Refuse a file over the size limit or of a kind the engine does not read."""
        if file.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                FILE_TOO_LARGE,
                code="too_large",
                params={
                    "name": file.name,
                    "size": filesizeformat(file.size),
                    "limit": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
                },
            )
        if PurePath(file.name).suffix.lower() not in DOCUMENT_SUFFIXES:
            raise forms.ValidationError(FILE_NOT_A_DOCUMENT, code="suffix", params={"name": file.name})
        return file

    def clean_text(self):
        return nfc(self.cleaned_data["text"])

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        has_file, has_text = cleaned["file"] is not None, bool(cleaned["text"])
        if not has_file and not has_text:
            raise forms.ValidationError(NOTHING_TO_READ, code="empty")
        if has_file and has_text:
            raise forms.ValidationError(FILE_AND_TEXT, code="both")
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A FileField taking several files (Django's documented recipe): cleans each, returns a list."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class BatchForm(forms.Form):
    """Many files at once (up to BATCH_MAX_FILES), read in the background."""

    files = MultipleFileField(
        label=_("Document files"),
        widget=MultipleFileInput(attrs={"accept": ",".join(DOCUMENT_SUFFIXES)}),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > BATCH_MAX_FILES:
            raise forms.ValidationError(TOO_MANY_FILES, code="too_many", params={"limit": BATCH_MAX_FILES})
        for file in files:
            DocumentForm.check_file(file)
        return files


BATCH_MAX_FILES = 100
TOO_MANY_FILES = _("Upload at most %(limit)s files at once.")


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Organisation.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "---------"), *PlanStatus.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "---------"), *PlanKind.choices])

    def __init__(self, *args, user, scope=None, issuers=None, **kwargs):
        """`scope`: plans_scope(user) when the caller has built it already (the list has); `issuers`:
        the (id, name) choices when read already (selectors.plan_list_start), for an unbound form."""
        super().__init__(*args, **kwargs)
        self._issuers = issuers
        if issuers is not None and not self.is_bound:
            return
        # Only issuers of plans the user can see: the list never names what it would not show.
        issuers = (plans_scope(user) if scope is None else scope).values("issuer_id")
        self.fields["issuer"].queryset = (
            Organisation.objects.filter(pk__in=issuers).order_by("name").only("pk", "name")
        )

    @property
    def issuer_choices(self) -> list[tuple[int, str]]:
        """The issuers to choose from, as (id, name): the list draws them without model instances."""
        if self._issuers is not None:
            return self._issuers
        return list(self.fields["issuer"].queryset.values_list("pk", "name"))

    def filter(self, plans):
        if not self.is_bound or not self.is_valid():
            return plans
        data = self.cleaned_data
        if data["q"].strip():
            plans = full_text_filter(plans, data["q"])
        if data["issuer"] is not None:
            plans = plans.filter(issuer=data["issuer"])
        if data["year"]:
            plans = plans.filter(year=data["year"])
        if data["status"]:
            plans = plans.filter(status=data["status"])
        if data["kind"]:
            plans = plans.filter(kind=data["kind"])
        return plans


UNKNOWN_UNIT = _("%(name)s: the chosen unit does not exist any more; choose again.")
NEW_UNIT_KIND = _("%(name)s: choose what kind of unit to create.")
KEEP_AS_WRITTEN = ""
CREATE_NEW = "new:"  # followed by the kind of the unit to create


NEW_ISSUER = "new"  # the issuer as written, registered as an outside body


def review_decisions(post, *, review, candidates, named=None):
    """The reviewer's choices on the import review page: the issuer (a registered unit, or the name as
    written to register), and for each unit name a registered unit, a new one, or none. Returns
    (issuer, new_issuer_name, decisions, errors).

    A unit's name typed with the type-ahead (`unit-N-name`) overrides its list, unless the list says
    to create a unit; `named` holds the units such names can mean (orgs.selectors.units_named)."""
    by_pk = {str(o.pk): o for o in candidates}
    errors: list[str] = []
    choice = post.get("issuer", "")
    issuer = by_pk.get(choice)
    new_issuer_name = reading_issuer(review)[1] if choice == NEW_ISSUER else ""
    if issuer is None and not new_issuer_name:
        errors.append(str(NO_ISSUER))
    decisions: dict[str, UnitDecision] = {}
    for index, (name, resolution) in enumerate(review.units.items()):
        choice = post.get(f"unit-{index}", KEEP_AS_WRITTEN)
        typed = nfc(post.get(f"unit-{index}-name", "")).strip()
        if choice.startswith(CREATE_NEW):
            kind = choice.removeprefix(CREATE_NEW)
            if kind not in OrganisationKind.values:
                errors.append(str(NEW_UNIT_KIND % {"name": name}))
            decisions[name] = UnitDecision(create_kind=kind)
        elif typed:
            units = (named or {}).get(unit_key(typed), [])
            # Many provinces have a "Ban Kế hoạch - Hỗ trợ": the one the reading proposed, else the nearest.
            unit = resolution.organisation if resolution.organisation in units else next(iter(units), None)
            if unit is None:
                errors.append(str(NOT_REGISTERED % {"name": typed}))
            else:
                decisions[name] = UnitDecision(
                    organisation=unit, add_alias=post.get(f"alias-{index}") == "on"
                )
        elif choice == KEEP_AS_WRITTEN:
            decisions[name] = UnitDecision()
        elif choice in by_pk:
            decisions[name] = UnitDecision(
                organisation=by_pk[choice], add_alias=post.get(f"alias-{index}") == "on"
            )
        else:
            errors.append(str(UNKNOWN_UNIT % {"name": name}))
    return issuer, new_issuer_name, decisions, errors


def weight_field(help_text) -> forms.DecimalField:
    """The roll-up weight of an activity or a plan (plans/rollup.py): 0 to 9999, empty keeps it."""
    return forms.DecimalField(
        label=_("weight"), required=False, min_value=0, max_value=9999, decimal_places=2, help_text=help_text
    )


class KeepsWeight:
    """A model form whose `weight` left empty (or not sent, as by older pages) stays what it was."""

    def clean_weight(self):
        weight = self.cleaned_data.get("weight")
        return self.instance.weight if weight is None else weight


class ActivityForm(KeepsWeight, forms.ModelForm):
    """The inline edit of one activity; `version` is the one the edit started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    weight = weight_field(
        _("How much it counts in its plan's percent done, beside its siblings (1 = equal).")
    )

    class Meta:
        model = Activity
        fields = (
            "number",
            "title",
            "content",
            "time_text",
            "starts_on",
            "ends_on",
            "location",
            "weight",
        )
        widgets = {  # noqa: RUF012 (Django reads Meta attributes once)
            "title": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "time_text": forms.TextInput(),
            "location": forms.TextInput(),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_title(self):
        return clean_title(self.cleaned_data["title"])

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", END_BEFORE_START)
        for name in ("content", "time_text", "location", "number"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = nfc(cleaned[name]).strip()
        return cleaned


def clean_title(title: str) -> str:
    """A title as typed, in NFC and trimmed; an empty one (spaces, invisible characters) and one over
    TITLE_LIMIT characters are refused, by the services' own rule (services/changes.checked_title)."""
    try:
        return checked_title(title)
    except EmptyTitle as error:
        raise forms.ValidationError(str(error), code="required") from None
    except TitleTooLong as error:
        raise forms.ValidationError(str(error), code="max_length") from None


class AssignmentForm(forms.Form):
    """Units of an activity: tick the ones to keep, type a registered unit's name to add one."""

    keep = forms.MultipleChoiceField(
        label=_("Assigned units"), required=False, widget=forms.CheckboxSelectMultiple
    )
    add_lead = forms.CharField(label=_("Add a lead unit"), required=False, max_length=255)
    add_coordinating = forms.CharField(label=_("Add a coordinating unit"), required=False, max_length=255)

    def __init__(self, *args, activity, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity, self.units = activity, units
        assigned = [a for a in activity.assignments.all() if a.organisation_id]
        self.fields["keep"].choices = [
            (str(a.pk), f"{a.organisation.name} ({a.get_role_display()})") for a in assigned
        ]
        self.initial.setdefault("keep", [str(a.pk) for a in assigned])
        self.assigned = {str(a.pk): a for a in assigned}

    def _unit(self, name: str):
        name = nfc(name).strip()
        if not name:
            return None
        found = self.units.filter(key=unit_key(name), valid_until__isnull=True).first()
        if found is None:
            raise forms.ValidationError(NOT_REGISTERED, params={"name": name})
        return found

    def clean_add_lead(self):
        return self._unit(self.cleaned_data["add_lead"])

    def clean_add_coordinating(self):
        return self._unit(self.cleaned_data["add_coordinating"])

    def lead_and_coordinating(self):
        kept = [self.assigned[pk] for pk in self.cleaned_data["keep"] if pk in self.assigned]
        lead = [a.organisation for a in kept if a.role == AssignmentRole.LEAD]
        coordinating = [a.organisation for a in kept if a.role == AssignmentRole.COORDINATING]
        if self.cleaned_data["add_lead"]:
            lead.append(self.cleaned_data["add_lead"])
        if self.cleaned_data["add_coordinating"]:
            coordinating.append(self.cleaned_data["add_coordinating"])
        return lead, coordinating


NOT_REGISTERED = _("“%(name)s” is not a registered unit: choose one of the suggestions.")


class PlanForm(KeepsWeight, forms.ModelForm):
    weight = weight_field(
        _("How much the plan counts in its alliance's percent done, beside its other plans (1 = equal).")
    )

    class Meta:
        model = Plan
        fields = (
            "title",
            "number",
            "issued_on",
            "kind",
        )
        widgets = {  # noqa: RUF012 (Django reads Meta attributes once)
            "title": forms.Textarea(attrs={"rows": 2}),
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_title(self):
        return clean_title(self.cleaned_data["title"])


class NewActivityForm(forms.Form):
    title = forms.CharField(label=_("New activity"), max_length=2000)

    def clean_title(self):
        return clean_title(self.cleaned_data["title"])
