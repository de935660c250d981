"""Thin views: bind input, call a service, render or redirect."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from events import ics, selectors, services, tickets
from events.audience import may_register
from events.forms import RegistrationForm
from events.models import Registration, RegistrationStatus
from home import links
from home.errors import return_to
from home.frame import noindex_response
from home.redirects import safe_next


def _login_redirect(request, next_url):
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def _success_message(request, result):
    registration = result.registration
    if not result.created:
        messages.info(request, _("You are already registered for this event."))
    elif registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request, _("You have a place. We have emailed you the details and a calendar file.")
        )
    else:
        messages.success(
            request,
            _(
                "The event is full, so you are on the waiting list, number %(position)s. We will email you if a place frees up."
            )
            % {"position": registration.waitlist_position()},
        )


def register(request, *, event):
    if not request.user.is_authenticated:
        return _login_redirect(request, event.url)
    if request.method not in {"GET", "POST"}:
        return HttpResponseNotAllowed(["GET", "POST"])
    target = event.registration_event
    existing = Registration.objects.active().filter(event=target, user=request.user).first()
    if existing is not None:
        if request.method == "POST":
            messages.info(request, _("You are already registered for this event."))
        return redirect(event.url)
    questions = list(event.questions.all())
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        co_hosts=target.co_hosts.all(),
    )
    state = target.registration_state()
    allowed = may_register(target, request.user)
    if request.method == "POST" and form.is_valid():
        return_to(request, event.url)
        result = services.registration_create(
            event=event,
            user=request.user,
            answers=form.answers(),
            show_in_attendee_list=form.cleaned_data["show_in_attendee_list"],
            share_with_co_hosts=form.cleaned_data.get("share_with_co_hosts", False),
        )
        _success_message(request, result)
        return redirect(event.url)
    context = {
        "page": event,
        "self": event,
        "form": form,
        "registration_state": state,
        "state_open": state == "open",
        "may_register": allowed,
        "state_message": services.MESSAGES.get(state)
        if state != "open"
        else (None if allowed else services.MESSAGES["audience"]),
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "events/register.html", context, status=status)


def _safe_next(request, fallback: str) -> str:
    return safe_next(request, fallback)


def _cancel_confirm(request, registration, *, event, back: str):
    """GET: what cancelling will do, with the button; POST: cancel. No JavaScript."""
    if request.method == "POST":
        return_to(request, back)
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(
            request, _("Your registration is cancelled. Thank you for letting us know.")
        )
        return redirect(back)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "POST"])
    target = registration.event
    return TemplateResponse(
        request,
        "events/cancel_confirm.html",
        {
            "page": event,
            "event": event,
            "registration": registration,
            "position": registration.waitlist_position()
            if registration.status == RegistrationStatus.WAITLISTED
            else None,
            "registration_open": target.registration_state() == "open",
            "back": back,
        },
    )


def cancel(request, *, event):
    if not request.user.is_authenticated:
        return _login_redirect(request, event.url)
    registration = (
        Registration.objects.active()
        .filter(event=event.registration_event, user=request.user)
        .first()
    )
    if registration is None:
        if request.method == "POST":
            messages.info(request, _("You have no registration to cancel for this event."))
        return redirect(event.url)
    return _cancel_confirm(request, registration, event=event, back=_safe_next(request, event.url))


def event_ics(request, *, event):
    if not event.start or not event.end:
        raise Http404
    joining_link = ""
    if (
        request.user.is_authenticated
        and event.is_online
        and event.online_url
        and Registration.objects.filter(
            event=event.registration_event, user=request.user, status=RegistrationStatus.CONFIRMED
        ).exists()
    ):
        joining_link = event.online_url
    body = ics.event_calendar(event, url=links.page_url(event), joining_link=joining_link)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def index_feed(request, *, index):
    themes = selectors._themes_for(index.locale)
    filters, _ignored = selectors.parse_filters(request.GET, themes)
    events = selectors.filtered_events(
        index=index, filters=filters, themes_by_slug=themes, viewer=request.user
    )[:200]
    body = ics.feed_calendar(events, name=index.title, url_for=links.page_url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{index.slug}.ics"'
    return response


@login_required
def my_events(request):
    context = selectors.my_events(user=request.user)
    return TemplateResponse(request, "events/my_events.html", context)


@login_required
def my_event_cancel(request, pk: int):
    registration = get_object_or_404(
        Registration.objects.active().select_related("event"), pk=pk, user=request.user
    )
    event = registration.event.localized.specific
    if not event.live:
        event = registration.event
    return _cancel_confirm(request, registration, event=event, back=reverse("events:my_events"))


@login_required
def my_event_attendee_list(request, pk: int):
    """Leave, or join again, the event's attendee list (``show`` is "1" or "0")."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    registration = get_object_or_404(Registration.objects.active(), pk=pk, user=request.user)
    show = request.POST.get("show") == "1"
    services.registration_set_visibility(registration=registration, show=show)
    if show:
        messages.success(request, _("Other attendees can now see you in the attendee list."))
    else:
        messages.success(request, _("You are no longer shown in the attendee list."))
    return redirect("events:my_events")


@login_required
def my_ticket(request, pk: int):
    """The holder's ticket: QR code, short code, name, event and place; printable.
    Anyone else's registration is a 404, like one that does not exist."""
    registration = selectors.my_ticket(user=request.user, pk=pk)
    if registration is None:
        raise Http404
    ticket = tickets.ticket_for(registration)
    event = registration.display_event
    context = {
        "registration": registration,
        "event": event,
        "ticket": ticket,
        "valid": ticket.is_valid,
        "qr_svg": selectors.ticket_qr_svg(ticket) if ticket.is_valid else "",
        "place": selectors.event_place(event),
        "holder": registration.user.get_full_name() or registration.user.email,
    }
    response = TemplateResponse(request, "events/ticket.html", context)
    response["Cache-Control"] = "private, no-store"
    return noindex_response(response)
