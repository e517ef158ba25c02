from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from hoptac.core.text import nfc

# The formats the document engine reads, by the suffix it goes by.
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".html", ".htm", ".txt")

NOTHING_TO_READ = _("Choose a file or paste the text of a document.")
FILE_AND_TEXT = _("Choose a file or paste text, not both.")
FILE_TOO_LARGE = _(
    "%(name)s is %(size)s, over the limit of %(limit)s MB. Upload a smaller file, or paste its text."
)
FILE_NOT_A_DOCUMENT = _(
    "%(name)s is not a file hoptac reads. Upload a .docx, .pdf, .html, .htm or .txt file."
)


class ReadingForm(forms.Form):
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
        if file.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                FILE_TOO_LARGE,
                code="too_large",
                params={
                    "name": file.name,
                    "size": filesizeformat(file.size),
                    "limit": self.upload_limit_mb,
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
