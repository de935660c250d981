"""Thin views: bind input, call a service, render or redirect."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from events import ics, joining, selectors, services, tickets
from events.audience import may_register
from events.forms import RegistrationForm, SwitchPlaceForm
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
        places=selectors.place_options(target),
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
            place=form.cleaned_data.get("place") or "",
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


def switch(request, *, event):
    """A hybrid event: move my place (or place in line) to the other kind. POST only."""
    if not request.user.is_authenticated:
        return _login_redirect(request, event.url)
    if request.method != "POST":
        return redirect(event.url)
    registration = (
        Registration.objects.active()
        .filter(event=event.registration_event, user=request.user)
        .first()
    )
    if registration is None:
        messages.info(request, _("You have no registration to change for this event."))
        return redirect(event.url)
    form = SwitchPlaceForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["place"][0])
        return redirect(event.url)
    return_to(request, event.url)
    registration = services.registration_switch(
        registration=registration, place=form.cleaned_data["place"], by=request.user
    )
    label = registration.get_place_display()
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request,
            _("Your place is now: %(place)s. We have emailed you the details.") % {"place": label},
        )
    else:
        messages.success(
            request,
            _("You are now on the waiting list for: %(place)s, number %(position)s.")
            % {"place": label, "position": registration.waitlist_position()},
        )
    return redirect(event.url)


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
    if request.user.is_authenticated and event.is_online and event.online_url:
        mine = Registration.objects.filter(
            event=event.registration_event, user=request.user, status=RegistrationStatus.CONFIRMED
        ).first()
        link = joining.joining_link(event, mine)
        joining_link = link.url if link else ""
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
    context["calendar_feed_url"] = calendar_feed_url(services.calendar_feed_get(user=request.user))
    return TemplateResponse(request, "events/my_events.html", context)


def calendar_feed_url(feed) -> str:
    return links.absolute(reverse("calendar_feed", kwargs={"token": feed.token}))


@login_required
def calendar_reset(request):
    """GET: what resetting does, with the button; POST: a new address. No JavaScript."""
    if request.method == "POST":
        services.calendar_feed_reset(user=request.user)
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old one no longer works: add the new one "
                "to your calendar app."
            ),
        )
        return redirect(reverse("events:my_events") + "#calendar")
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "POST"])
    return TemplateResponse(request, "events/calendar_reset.html", {})


def personal_feed(request, token: str):
    """``/calendar/<token>.ics``: no session needed (calendar apps fetch it). A reset
    or made-up token answers the same 404."""
    from events import calendar_feed

    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    feed = calendar_feed.feed_for_token(token)
    if feed is None or not feed.user.is_active:
        raise Http404
    from django.utils import timezone, translation

    from home.notify import language_for

    entries = calendar_feed.entries(feed.user, now=timezone.now())
    with translation.override(language_for(feed.user)):
        name = _("My OpenGov Collective calendar")
    body = ics.personal_calendar(entries, name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


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
