"""Forms for writing messages, starting conversations and adding people.

Each keeps what was typed when it comes back with an error; the services decide the
rest (who may be written to, rate limits) and their refusals are added to the form.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.forms import PendingUploadsMixin, StatedLimitsMixin
from home.private_files import sniff
from messaging.errors import MessagingError
from messaging.models.conversations import MAX_BODY, MAX_PARTICIPANTS, MAX_TITLE
from messaging.services.conversations import MAX_FILES

TWO_PEOPLE = _(
    "Choose at least two people for a group conversation. To write to one person, use "
    "the “Message” button on their profile."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to three PDFs or images, each checked by its bytes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "application/pdf,image/png,image/jpeg,image/gif,image/webp"}
            ),
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(items) > MAX_FILES:
            raise ValidationError(
                MessagingError("too_many_files", params={"limit": MAX_FILES}).message
            )
        cleaned = [super(AttachmentsField, self).clean(item, initial) for item in items]
        for item in cleaned:
            sniff(item)
        return cleaned


class MessageForm(PendingUploadsMixin, StatedLimitsMixin, forms.Form):
    """A message: text and up to three files. On an error the text comes back as
    typed and the files that passed their checks are kept (``home.pending_uploads``)."""

    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY,
        required=False,
        strip=False,
        help_text=_("Plain text. Links, **bold**, *italic* and lists are shown as such."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = AttachmentsField(
        label=_("Attach files"),
        help_text=_("Up to 3 files: PDF or images, 5 MB each."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_uploads_for(user)

    def clean(self):
        cleaned = super().clean()
        body, files = cleaned.get("body"), cleaned.get("files")
        if body is not None and files is not None and not body.strip() and not files:
            self.add_error("body", MessagingError("empty").message)
        return cleaned


class EditForm(StatedLimitsMixin, forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=MAX_BODY,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PeopleField(forms.TypedMultipleChoiceField):
    def __init__(self, *args, limit: int, **kwargs):
        self.limit = limit
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if len(value) > self.limit:
            raise ValidationError(
                MessagingError("too_many_people", params={"limit": MAX_PARTICIPANTS}).message
            )
        return value


def _choices(candidates):
    return [(p.user_id, p.display_name) for p in candidates]


class GroupForm(MessageForm):
    """A group conversation: a title, people among those the member may message, and
    the first message."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE, required=False)
    people = PeopleField(label=_("People"), limit=MAX_PARTICIPANTS - 1)

    field_order = ["title", "people", "body", "files"]

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = _choices(candidates)
        self.order_fields(self.field_order)

    def clean_people(self):
        people = self.cleaned_data["people"]
        if len(people) < 2:
            raise ValidationError(TWO_PEOPLE)
        return people


class AddPeopleForm(forms.Form):
    people = PeopleField(label=_("People to add"), limit=MAX_PARTICIPANTS - 1)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = _choices(candidates)
