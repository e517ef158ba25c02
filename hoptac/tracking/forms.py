from django import forms
from django.utils.translation import gettext_lazy as _

from hoptac.plans.models import ProgressState


class ProgressForm(forms.Form):
    """A progress report; the service checks it again and whole (services.progress_report)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(label=_("Progress"), choices=ProgressState.choices)
    percent = forms.CharField(
        label=_("Percent done"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    completed_on = forms.DateField(
        label=_("Completed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, quantities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.quantities = list(quantities)
        for quantity in self.quantities:
            self.fields[f"quantity_{quantity.pk}"] = forms.CharField(
                label=_("Reached of %(target)s")
                % {"target": quantity.text or f"{quantity.value} {quantity.unit}"},
                required=False,
                max_length=20,
                initial=quantity.achieved,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
            )

    def quantity_fields(self):
        return [self[f"quantity_{q.pk}"] for q in self.quantities]

    def reached(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"quantity_{q.pk}") or "" for q in self.quantities}


class CommentForm(forms.Form):
    note = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)
