from django import forms
from django.utils.translation import gettext_lazy as _

from hoptac.core.forms import CappedFileForm


class MemberFileForm(CappedFileForm):
    file = forms.FileField(
        label=_("Member list (Excel .xlsx or CSV)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )
