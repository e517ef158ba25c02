"""Form pieces shared by the apps."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

FILE_TOO_LARGE = _("%(name)s is %(size)s, over the limit of %(limit)s.")


class CappedFileForm(forms.Form):
    """A form of one uploaded `file` (declared by the subclass) refused past settings.UPLOAD_MAX_BYTES,
    with the size it had (core/upload_handlers.py keeps nothing of it past the cap)."""

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.UPLOAD_MAX_BYTES:
            params = {
                "name": file.name,
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
            }
            raise forms.ValidationError(FILE_TOO_LARGE, params=params)
        return file
