from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MEMBER_FILE_TOO_LARGE = _("%(name)s is %(size)s, over the limit of %(limit)s.")


class MemberFileForm(forms.Form):
    file = forms.FileField(
        label=_("Member list (Excel .xlsx or CSV)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.UPLOAD_MAX_BYTES:
            params = {
                "name": file.name,
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            }
            raise forms.ValidationError(MEMBER_FILE_TOO_LARGE, params=params)
        return file
