from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import EventMessage, EventPage, Place, RegistrationQuestion
from home.forms import StatedLimitsMixin, state_limits


class RegistrationForm(forms.Form):
    """The one-step registration: the event's own questions, then the attendee-list choice."""

    show_in_attendee_list = forms.BooleanField(
        required=False,
        label=_("Let other registrants see that I am coming"),
        help_text=_(
            "Only people registered for this event see the list, and only within your profile's privacy settings."
        ),
    )

    share_with_co_hosts = forms.BooleanField(
        required=False,
        label=_("Share my registration with the event's co-hosts"),
    )

    def __init__(self, *args, questions=(), co_hosts=(), places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        fields = {}
        if places:
            # A hybrid event: the member picks a kind of place (with what is left of each).
            fields["place"] = forms.ChoiceField(
                choices=[(p["kind"], place_label(p)) for p in places],
                widget=forms.RadioSelect,
                label=_("How will you take part?"),
                error_messages={
                    "required": _("Choose how you will take part: in person or online."),
                    "invalid_choice": _("Choose how you will take part: in person or online."),
                },
            )
        for question in self.questions:
            name = f"q_{question.pk}"
            common = {
                "label": question.label,
                "required": question.required,
                "help_text": question.help_text,
            }
            if question.kind == RegistrationQuestion.Kind.LONG_TEXT:
                field = forms.CharField(
                    max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), **common
                )
            elif question.kind == RegistrationQuestion.Kind.YES_NO:
                field = forms.TypedChoiceField(
                    choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
                )
            elif question.kind == RegistrationQuestion.Kind.CHOICE:
                field = forms.ChoiceField(
                    choices=[("", "—"), *[(c, c) for c in question.choice_list]], **common
                )
            else:
                field = forms.CharField(max_length=300, **common)
            fields[name] = field
        # Questions first, then the attendee-list choice.
        self.fields = {**fields, "show_in_attendee_list": self.fields["show_in_attendee_list"]}
        names = [str(partner) for partner in co_hosts]
        if names:
            # Asked only when the event has co-hosts; unticked by default.
            share = self.base_fields["share_with_co_hosts"]
            self.fields["share_with_co_hosts"] = share.__class__(
                required=False,
                label=share.label,
                help_text=_("Co-hosts: %(names)s. They see your name, email and status.")
                % {"names": ", ".join(names)},
            )
        state_limits(self)

    def answers(self) -> dict:
        """Answers keyed by the question's translation key, so every language shares them."""
        out = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if value not in (None, ""):
                out[str(question.translation_key)] = {"question": question.label, "answer": value}
        return out


def place_label(place: dict) -> str:
    """ "In person: 3 places left", "Online: full, 2 waiting", "Online"."""
    from django.utils.translation import gettext, ngettext

    label = str(place["label"])
    if place["left"] is None:
        return label
    if place["left"] == 0:
        return gettext("%(kind)s: full, you would join its waiting list") % {"kind": label}
    return ngettext(
        "%(kind)s: %(count)s place left", "%(kind)s: %(count)s places left", place["left"]
    ) % {"kind": label, "count": place["left"]}


class SwitchPlaceForm(forms.Form):
    place = forms.ChoiceField(
        choices=Place.choices,
        error_messages={
            "required": _("Choose how you will take part: in person or online."),
            "invalid_choice": _("Choose how you will take part: in person or online."),
        },
    )


class ManualAddForm(forms.Form):
    email = forms.EmailField(label=_("Member's email address"))
    place = forms.ChoiceField(
        choices=Place.choices, widget=forms.RadioSelect, label=_("Place"), required=False
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is None or not event.is_hybrid:
            del self.fields["place"]
        else:
            self.fields["place"].required = True

    def clean_email(self):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No member has this email address."))
        self.user = user
        return email


class MessageForm(StatedLimitsMixin, forms.ModelForm):
    class Meta:
        model = EventMessage
        fields = ["audience", "subject", "body"]
        widgets = {"audience": forms.RadioSelect}


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: EventPage):
        return f"{obj.title} ({obj.start_date})"
