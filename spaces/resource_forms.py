"""The form that shares a link or a file with a group."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.forms import PendingUploadsMixin, StatedLimitsMixin
from home.private_files import sniff
from spaces.errors import SpaceError
from spaces.models.resources import MAX_DESCRIPTION, MAX_TITLE
from spaces.services.resources import clean_link


class ResourceForm(PendingUploadsMixin, StatedLimitsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What it is, and why it helps."),
    )
    # A text input, not a URL input: the form says itself what it accepts, in words.
    url = forms.CharField(
        label=_("Link"),
        max_length=500,
        required=False,
        help_text=_("A web address starting with https:// or http://. Or choose a file below."),
        widget=forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url"}),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A PDF or an image (PNG, JPEG, GIF or WebP), up to 5 MB."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_uploads_for(user)

    def clean_url(self):
        try:
            return clean_link(self.cleaned_data.get("url"))
        except SpaceError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            sniff(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        url, uploaded = cleaned.get("url"), cleaned.get("file")
        if url and uploaded:
            raise ValidationError(SpaceError("link_and_file").message, code="link_and_file")
        if not url and not uploaded:
            raise ValidationError(SpaceError("no_link_or_file").message, code="no_link_or_file")
        return cleaned
