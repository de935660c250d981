"""Views: a member's message settings (who may write to them; mentoring and peer-exchange
requests)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.forms import StatedLimitsMixin
from messaging import services
from messaging.models import MessagingSettings
from messaging.models.conversations import Audience

#: What each choice means, shown under it.
AUDIENCE_HELP = {
    Audience.CONNECTIONS: gettext_lazy(
        "Only members you are connected with can start a conversation with you."
    ),
    Audience.SHARED: gettext_lazy(
        "Your connections, and members who share a cohort or a group with you, can start "
        "a conversation with you. Those you are not connected with can send only a few "
        "messages until you reply."
    ),
    Audience.NOBODY: gettext_lazy(
        "Nobody can start a new conversation with you. You can still write to others, and "
        "answer in the conversations you already have."
    ),
}

MIN_AT_ONCE, MAX_AT_ONCE = 1, 10


class MessagingSettingsForm(StatedLimitsMixin, forms.Form):
    who_may_message = forms.ChoiceField(
        label=gettext_lazy("Who may start a conversation with me"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
    )
    exchanges_paused = forms.BooleanField(
        label=gettext_lazy("Pause new mentoring and peer-exchange requests"),
        required=False,
        help_text=gettext_lazy(
            "While this is ticked, members cannot send you new requests. The exchanges you "
            "already have go on."
        ),
    )
    exchanges_at_once = forms.IntegerField(
        label=gettext_lazy("How many requests I take on at once"),
        min_value=MIN_AT_ONCE,
        max_value=MAX_AT_ONCE,
        help_text=gettext_lazy(
            "From 1 to 10: the most mentoring and peer exchanges you take on at the same time."
        ),
        widget=forms.NumberInput(attrs={"min": MIN_AT_ONCE, "max": MAX_AT_ONCE}),
    )

    def audience_options(self):
        """Each choice's radio button with what it means."""
        return [
            {"radio": radio, "help": AUDIENCE_HELP[Audience(radio.data["value"])]}
            for radio in self["who_may_message"]
        ]


def _current(user) -> MessagingSettings:
    return MessagingSettings.objects.filter(user=user).first() or MessagingSettings(user=user)


@login_required
def settings_page(request):
    current = _current(request.user)
    if request.method == "POST":
        form = MessagingSettingsForm(request.POST)
        if form.is_valid():
            services.settings_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your message settings are saved."))
            return redirect("messaging:settings")
    else:
        form = MessagingSettingsForm(
            initial={
                "who_may_message": current.who_may_message,
                "exchanges_paused": current.exchanges_paused,
                "exchanges_at_once": current.exchanges_at_once,
            }
        )
    return render(
        request,
        "messaging/settings.html",
        {"form": form, "audience_help": AUDIENCE_HELP, "current": current},
    )


urlpatterns = [
    path("settings/", settings_page, name="settings"),
]
