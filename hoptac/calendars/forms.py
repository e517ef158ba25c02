from django import forms
from django.utils.translation import gettext_lazy as _

from hoptac.calendars.models import FeedScope
from hoptac.calendars.services import ORGANISATION_NEEDED


class FeedForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("The calendar shows"), choices=FeedScope.choices, widget=forms.RadioSelect, initial="person"
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False, empty_label="—"
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=100,
        required=False,
        help_text=_("To tell your links apart, e.g. “Phone” or “Office computer”."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == FeedScope.ORGANISATION and cleaned.get("organisation") is None:
            self.add_error("organisation", ORGANISATION_NEEDED)
        return cleaned
