"""Forms for mentoring and peer-exchange requests, answers and feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.forms import state_limits
from messaging.models import ExchangeFeedback, ExchangeRequest
from messaging.services.exchanges import MAX_COMMENT, MAX_HOPES, MAX_NOTE, MAX_TOPIC

KIND_ASK = {
    "mentoring": _("Ask for mentoring"),
    "peer_exchange": _("Propose a peer exchange"),
}


class ExchangeRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("What you ask for"), widget=forms.RadioSelect)
    topic = forms.CharField(
        label=_("Topic"),
        max_length=MAX_TOPIC,
        help_text=_("In a few words: for example, “publishing contracts as open data”."),
    )
    hopes = forms.CharField(
        label=_("What you hope to learn"),
        max_length=MAX_HOPES,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=ExchangeRequest.Format.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, kinds, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, ExchangeRequest.Kind(k).label) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.fields["language"].choices = languages
        state_limits(self)


class ProposeForm(forms.Form):
    format = forms.ChoiceField(
        label=_("What you propose instead"),
        choices=ExchangeRequest.Format.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("A note for them"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="propose", **kwargs)
        state_limits(self)


class DeclineForm(forms.Form):
    reply = forms.ChoiceField(
        label=_("Your reply"),
        choices=list(ExchangeRequest.DECLINE_REPLIES.items()),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="decline", **kwargs)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How it went"),
        choices=ExchangeFeedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything to add"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        state_limits(self)
