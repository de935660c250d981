"""Forms for threads and posts. Each keeps what was typed when it comes back with an
error; the services decide the rest and their refusals are added to the form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import StatedLimitsMixin
from spaces.errors import SpaceError
from spaces.models.discussions import MAX_BODY, MAX_TITLE

EMPTY = {"required": SpaceError.messages["empty"]}
EMPTY_TITLE = {"required": SpaceError.messages["empty_title"]}

FORMAT_HELP = _("Plain text. Links, **bold**, *italic* and lists are shown as such.")


class BodyMixin:
    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        if not body.strip():
            raise forms.ValidationError(SpaceError("empty").message)
        return body


class ThreadForm(BodyMixin, StatedLimitsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE, error_messages=EMPTY_TITLE)
    body = forms.CharField(
        label=_("Your post"),
        max_length=MAX_BODY,
        strip=False,
        error_messages=EMPTY,
        help_text=FORMAT_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    announcement = forms.BooleanField(
        label=_("Announcement: every member is told by email"), required=False
    )

    def __init__(self, *args, can_announce: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_announce:
            del self.fields["announcement"]

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if not title:
            raise forms.ValidationError(SpaceError("empty_title").message)
        return title


class ReplyForm(BodyMixin, StatedLimitsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_BODY,
        strip=False,
        error_messages=EMPTY,
        help_text=FORMAT_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class PostEditForm(BodyMixin, StatedLimitsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        max_length=MAX_BODY,
        strip=False,
        error_messages=EMPTY,
        help_text=FORMAT_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class FollowForm(forms.Form):
    state = forms.ChoiceField(
        choices=[("follow", "follow"), ("mute", "mute"), ("", "clear")], required=False
    )


HOST_ACTIONS = ("pin", "unpin", "lock", "unlock", "hide", "unhide")


class HostForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in HOST_ACTIONS])
