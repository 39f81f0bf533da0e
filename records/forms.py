"""The public form that checks an uploaded PDF against an official document."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Official documents are a few dozen kilobytes; a check never needs to read more than this.
VERIFY_MAX_BYTES = 5 * 1024 * 1024


class VerifyForm(forms.Form):
    file = forms.FileField(label=_("PDF to check"), help_text=_("The PDF file you were given or downloaded."))

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; a document to check may be at most %(limit)s.")
                % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(VERIFY_MAX_BYTES)}
            )
        uploaded.seek(0)
        head = uploaded.read(5)
        uploaded.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("This is not a PDF file: only a PDF can be checked."))
        return uploaded
