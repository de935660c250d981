"""Views: mentoring and peer-exchange requests (ask, list, answer, feedback).

Thin: bind a form, call a ``messaging.services.exchanges`` function, render or redirect.
A refusal comes back on the form, with what was typed kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from community.models import Profile
from community.models.profile import SPOKEN_LANGUAGES
from messaging import permissions, services
from messaging.errors import ExchangeError
from messaging.exchange_forms import DeclineForm, ExchangeRequestForm, FeedbackForm, ProposeForm
from messaging.models import ExchangeFeedback, ExchangeRequest
from messaging.services.exchanges import request_languages

_LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
LIST_LIMIT = 50


def _refusal_text(code: str) -> str:
    return ExchangeError(code).message


@login_required
@never_cache
def exchange_new(request, profile_pk):
    profile = (
        Profile.objects.visible_to(request.user)
        .filter(pk=profile_pk)
        .select_related("user")
        .first()
    )
    if profile is None:
        raise Http404
    recipient = profile.user
    refusals = permissions.exchange_refusals(request.user, recipient)
    if set(refusals.values()) == {"not_found"}:
        raise Http404
    kinds = [kind for kind, code in refusals.items() if code is None]
    languages = [
        (code, _LANGUAGE_NAMES.get(code, code))
        for code in request_languages(request.user, recipient)
    ]
    form_kwargs = {"kinds": kinds, "languages": languages}
    if request.method == "POST":
        # Every kind the member is open to: a pause or a full list since the page was
        # shown comes back as the service's own message, with the text kept.
        offered = [kind for kind, code in refusals.items() if code not in ("not_open", "self")]
        form = ExchangeRequestForm(request.POST, kinds=offered, languages=languages)
        if form.is_valid():
            try:
                created = services.exchange_request(
                    sender=request.user, recipient=recipient, **form.cleaned_data
                )
            except ExchangeError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Request sent to %(name)s.") % {"name": profile.display_name}
                )
                return redirect("messaging:exchange", created.pk)
    else:
        wanted = request.GET.get("kind", "")
        form = ExchangeRequestForm(
            initial={"kind": wanted} if wanted in kinds else None, **form_kwargs
        )
    refusal = ""
    if not kinds and not form.is_bound:
        codes = [code for code in refusals.values() if code not in (None, "not_open")]
        refusal = _refusal_text(codes[0] if codes else "not_open")
    return render(
        request,
        "messaging/exchanges/new.html",
        {"profile": profile, "form": form, "refusal": refusal},
    )


def _blocked_ids(user) -> set[int]:
    from community.selectors import blocked_either_way

    return blocked_either_way(user)


@login_required
@never_cache
def exchange_list(request):
    user = request.user
    blocked = _blocked_ids(user)
    received = list(
        ExchangeRequest.objects.filter(recipient=user, sender__is_active=True)
        .exclude(sender_id__in=blocked)
        .select_related("sender__profile")[:LIST_LIMIT]
    )
    sent = list(
        ExchangeRequest.objects.filter(sender=user, recipient__is_active=True)
        .exclude(recipient_id__in=blocked)
        .select_related("recipient__profile")[:LIST_LIMIT]
    )
    return render(request, "messaging/exchanges/list.html", {"received": received, "sent": sent})


def _request_for(request, pk) -> ExchangeRequest:
    """The request, for one of its two people only (everyone else: 404)."""
    user = request.user
    exchange = (
        ExchangeRequest.objects.filter(Q(sender=user) | Q(recipient=user), pk=pk)
        .select_related("sender__profile", "recipient__profile")
        .first()
    )
    if exchange is None:
        raise Http404
    other = exchange.recipient if exchange.sender_id == user.pk else exchange.sender
    if not other.is_active or other.pk in _blocked_ids(user):
        raise Http404
    return exchange


ACTIONS = {"accept", "propose", "decline", "withdraw"}


@login_required
@never_cache
def exchange_detail(request, pk):
    exchange = _request_for(request, pk)
    user = request.user
    propose_form = ProposeForm()
    decline_form = DeclineForm()
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            error = _("Choose what to do with this request.")
        try:
            if action == "accept":
                services.exchange_accept(user=user, request=exchange)
                messages.success(request, _("Accepted. Your conversation has started: say hello."))
                return redirect("messaging:exchange", exchange.pk)
            if action == "withdraw":
                services.exchange_withdraw(user=user, request=exchange)
                messages.success(request, _("Request withdrawn."))
                return redirect("messaging:exchanges")
            if action == "propose":
                propose_form = ProposeForm(request.POST)
                if propose_form.is_valid():
                    services.exchange_propose(
                        user=user, request=exchange, **propose_form.cleaned_data
                    )
                    messages.success(request, _("Your proposal is sent."))
                    return redirect("messaging:exchange", exchange.pk)
            if action == "decline":
                decline_form = DeclineForm(request.POST)
                if decline_form.is_valid():
                    services.exchange_decline(
                        user=user, request=exchange, reply=decline_form.cleaned_data["reply"]
                    )
                    messages.success(request, _("Request declined. Your reply is sent."))
                    return redirect("messaging:exchanges")
        except ExchangeError as refusal:
            error = refusal.message
        exchange.refresh_from_db()
    is_recipient = exchange.recipient_id == user.pk
    other = exchange.sender if is_recipient else exchange.recipient
    given = (
        exchange.status == ExchangeRequest.Status.ACCEPTED
        and ExchangeFeedback.objects.filter(request=exchange, author=user).exists()
    )
    return render(
        request,
        "messaging/exchanges/detail.html",
        {
            "exchange": exchange,
            "is_recipient": is_recipient,
            "other_name": other.profile.display_name,
            "language_name": _LANGUAGE_NAMES.get(exchange.language, exchange.language),
            "propose_form": propose_form,
            "decline_form": decline_form,
            "error": error,
            "feedback_given": given,
        },
    )


@login_required
@never_cache
def exchange_feedback(request, pk):
    exchange = _request_for(request, pk)
    user = request.user
    if exchange.status != ExchangeRequest.Status.ACCEPTED:
        raise Http404
    other = exchange.recipient if exchange.sender_id == user.pk else exchange.sender
    given = ExchangeFeedback.objects.filter(request=exchange, author=user).exists()
    form = FeedbackForm()
    if request.method == "POST" and not given:
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.exchange_feedback(user=user, request=exchange, **form.cleaned_data)
            except ExchangeError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Thank you for saying how it went."))
                return redirect("messaging:exchanges")
    return render(
        request,
        "messaging/exchanges/feedback.html",
        {
            "exchange": exchange,
            "other_name": other.profile.display_name,
            "form": form,
            "given": given,
        },
    )


urlpatterns = [
    path("exchanges/", exchange_list, name="exchanges"),
    path("exchanges/new/<int:profile_pk>/", exchange_new, name="exchange_new"),
    path("exchanges/<int:pk>/", exchange_detail, name="exchange"),
    path("exchanges/<int:pk>/feedback/", exchange_feedback, name="exchange_feedback"),
]
