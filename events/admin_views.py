"""Staff screens in the Wagtail admin: per-event registrations, check-in, messages.

All writes go through events.services (which lock, log and email).
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events import permissions, selectors, services, tickets
from events.errors import CheckInError
from events.forms import ManualAddForm, MessageForm
from events.models import CheckInMethod, EventPage, Place, Registration, RegistrationStatus
from home.errors import return_to
from home.exports import csv_response
from home.redirects import safe_next


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _event(pk) -> EventPage:
    return get_object_or_404(EventPage, pk=pk).registration_event


def _back(request, fallback):
    return redirect(safe_next(request, fallback))


def event_list(request):
    _require(permissions.can_reach_event_staff_screens(request.user))
    # One row per event: its original page, where registrations live.
    events = (
        EventPage.objects.filter(registration_enabled=True, alias_of__isnull=True)
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            ),
            attended=Count("registrations", filter=Q(registrations__attended_at__isnull=False)),
        )
        .order_by("-start", "pk")
    )
    originals = {}
    for event in events:
        if event.translation_key not in originals or event.pk < originals[event.translation_key].pk:
            originals[event.translation_key] = event
    rows = sorted(
        originals.values(), key=lambda e: e.start.timestamp() if e.start else 0, reverse=True
    )
    page = Paginator(rows, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "events/admin/event_list.html",
        {"page_title": _("Event registrations"), "header_icon": "date", "page_obj": page},
    )


def registrations(request, event_id):
    _require(permissions.can_manage_registrations(request.user))
    event = _event(event_id)
    status = request.GET.get("status") or ""
    place = request.GET.get("place") or ""
    query = (request.GET.get("q") or "").strip()[:100]
    rows = Registration.objects.filter(event=event).select_related("user")
    if place in Place.values:
        rows = rows.filter(place=place)
    else:
        place = ""
    if status in RegistrationStatus.values:
        rows = rows.filter(status=status)
    elif status == "attended":
        rows = rows.filter(attended_at__isnull=False)
    if query:
        rows = rows.filter(Q(name__icontains=query) | Q(email__icontains=query))
    rows = rows.order_by("status", "queue_number")
    waiting_numbers = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("queue_number")
        .values_list("pk", "place")
    )
    # Each kind of place at a hybrid event has its own line.
    positions, lines = {}, {}
    for pk, kind in waiting_numbers:
        lines[kind] = lines.get(kind, 0) + 1
        positions[pk] = lines[kind]
    page = Paginator(rows, 100).get_page(request.GET.get("p"))
    for row in page.object_list:
        row.position = positions.get(row.pk)
    add_form = ManualAddForm(request.POST or None, event=event)
    if request.method == "POST" and add_form.is_valid():
        result = services.registration_create(
            event=event,
            user=add_form.user,
            place=add_form.cleaned_data.get("place") or "",
            by=request.user,
        )
        if not result.created:
            messages.warning(
                request, _("%(name)s was already registered.") % {"name": add_form.user}
            )
        elif result.registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("%(name)s now has a place.") % {"name": add_form.user})
        else:
            messages.success(
                request,
                _("The event is full: %(name)s is on the waiting list.") % {"name": add_form.user},
            )
        return redirect(request.path)
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)),
        **{
            f"{kind}_{name}": Count("pk", filter=Q(status=value, place=kind))
            for kind in (Place.IN_PERSON, Place.ONLINE)
            for name, value in (
                ("confirmed", RegistrationStatus.CONFIRMED),
                ("waiting", RegistrationStatus.WAITLISTED),
            )
        },
    )
    export_base = reverse("events_registration:index")
    return TemplateResponse(
        request,
        "events/admin/registrations.html",
        {
            "page_title": _("Registrations: %(event)s") % {"event": event.title},
            "header_icon": "group",
            "event": event,
            "page_obj": page,
            "counts": counts,
            "status": status,
            "place": place,
            "places": Place.choices if event.is_hybrid else [],
            "query": query,
            "add_form": add_form,
            "statuses": [*RegistrationStatus.choices, ("attended", _("Attended"))],
            "export_csv": f"{export_base}?event={event.pk}{place and f'&place={place}'}&export=csv",
            "export_xlsx": f"{export_base}?event={event.pk}{place and f'&place={place}'}&export=xlsx",
        },
    )


def registration_action(request, pk, action):
    """Staff moves on one registration. Cancelling asks first: a GET shows who loses
    their place and who gets it, the POST does it."""
    if action in {"check-in", "undo-check-in"}:
        _require(permissions.can_check_in(request.user))
    else:
        _require(permissions.can_manage_registrations(request.user))
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    fallback = reverse("events_admin:registrations", args=[registration.event_id])
    return_to(request, fallback)
    if request.method != "POST":
        if action == "cancel" and request.method in {"GET", "HEAD"}:
            return _cancel_confirm(request, registration, back=safe_next(request, fallback))
        return HttpResponseNotAllowed(["POST"])
    if action == "cancel":
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(
            request, _("Registration cancelled; the next person waiting has the place.")
        )
    elif action == "promote":
        registration = services.registration_promote(registration=registration, by=request.user)
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("Promoted: they have a place and have been told."))
        else:
            messages.warning(
                request,
                _(
                    "The event is full, so they are now first on the waiting list. Raise the capacity to give them a place."
                ),
            )
    elif action == "check-in":
        services.registration_check_in(registration=registration, by=request.user, attended=True)
    elif action == "undo-check-in":
        services.registration_check_in(registration=registration, by=request.user, attended=False)
    else:
        raise PermissionDenied
    return _back(request, fallback)


def _cancel_confirm(request, registration, *, back: str):
    event = registration.event
    next_in_line = None
    if registration.status == RegistrationStatus.CONFIRMED:
        next_in_line = Registration.objects.filter(event=event).waitlisted().first()
    return TemplateResponse(
        request,
        "events/admin/cancel_confirm.html",
        {
            "page_title": _("Cancel a registration: %(event)s") % {"event": event.title},
            "header_icon": "warning",
            "event": event,
            "registration": registration,
            "next_in_line": next_in_line,
            "back": back,
        },
    )


def check_in(request, event_id):
    """The door: scan a QR code (the camera, where the browser can), type a ticket's
    short code, or find someone by name; shows who is checking in, or why not. Works as
    plain form posts; ``static/js/check-in.js`` adds the camera and the offline mode."""
    event = _event(event_id)
    _require(permissions.can_check_in(request.user, event))
    query = (request.GET.get("q") or "").strip()[:100]
    outcome = None
    status = 200
    if request.method == "POST":
        outcome, status = _door_post(request, event)
    elif request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "POST"])
    rows = selectors.door_list(event=event, query=query)
    return TemplateResponse(
        request,
        "events/admin/check_in.html",
        {
            "page_title": _("Check-in: %(event)s") % {"event": event.title},
            "header_icon": "tick",
            "event": event,
            "rows": rows,
            "query": query,
            "outcome": outcome,
            "can_manage": permissions.can_manage_registrations(request.user, event),
            **selectors.check_in_counts(event),
        },
        status=status,
    )


def _door_post(request, event):
    """One check-in or undo from the door screen: (what to show, HTTP status)."""
    device = (request.POST.get("device") or "").strip()[:100]
    action = request.POST.get("action") or "check-in"
    try:
        if request.POST.get("registration"):
            try:
                pk = int(request.POST["registration"])
            except ValueError:
                pk = 0
            registration = Registration.objects.filter(pk=pk, event=event).first()
            if registration is None:
                raise CheckInError("not_registrant", status=400)
            if action == "undo":
                tickets.undo_check_in(registration=registration, by=request.user)
                return {"kind": "undone", "name": tickets.display_name(registration)}, 200
            made = tickets.check_in(
                registration=registration,
                by=request.user,
                method=CheckInMethod.NAME,
                device=device,
            )
        else:
            made = tickets.check_in_text(
                event=event, text=request.POST.get("ticket", ""), by=request.user, device=device
            )
    except CheckInError as exc:  # shown inline, beside the form that sent it
        outcome = {"kind": "refused", "code": exc.code, "message": exc.message}
        if exc.check_in is not None:
            outcome["name"] = tickets.display_name(exc.check_in.registration)
            outcome["kind"] = "already"
        return outcome, exc.status
    return {"kind": "checked_in", "name": tickets.display_name(made.registration)}, 200


def check_in_counts(request, event_id):
    """Live counts for the door screen (JSON)."""
    event = _event(event_id)
    _require(permissions.can_check_in(request.user, event))
    counts = selectors.check_in_counts(event)
    counts["label"] = _("%(present)s of %(expected)s checked in") % counts
    response = JsonResponse(counts)
    response["Cache-Control"] = "no-store"
    return response


def _offline_rows(event) -> list[dict]:
    registrations = selectors.confirmed_registrants(event=event)
    made = tickets.tickets_for(registrations)
    return selectors.offline_list(event=event, registrations=registrations, tickets=made)


def check_in_offline(request, event_id):
    """The list a door device keeps for offline check-in (JSON), before the doors open."""
    event = _event(event_id)
    _require(permissions.can_check_in(request.user, event))
    response = JsonResponse(
        {
            "event": event.pk,
            "title": event.title,
            "generated_at": timezone.now().isoformat(),
            "registrants": _offline_rows(event),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def check_in_list(request, event_id, fmt):
    """The door list on paper (``print``) or as a spreadsheet (``csv``)."""
    event = _event(event_id)
    _require(permissions.can_check_in(request.user, event))
    rows = _offline_rows(event)
    if fmt == "csv":
        return csv_response(
            f"check-in-{event.slug}.csv",
            [_("Name"), _("Ticket code"), _("Checked in")],
            ([row["name"], row["display_code"], row["checked_in_at"] or ""] for row in rows),
        )
    return TemplateResponse(
        request,
        "events/admin/check_in_print.html",
        {"event": event, "rows": rows, "generated_at": timezone.now()},
    )


def check_in_sync(request, event_id):
    """Check-ins made offline, sent as a batch (JSON ``{"device", "items": [...]}``);
    answers what was merged, what was a duplicate and what was refused."""
    event = _event(event_id)
    _require(permissions.can_check_in(request.user, event))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        payload = json.loads(request.body or b"{}")
        if not isinstance(payload, dict):
            raise ValueError
        result = tickets.check_in_batch(
            event=event,
            items=payload.get("items"),
            by=request.user,
            device=str(payload.get("device") or "")[:100],
        )
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": str(CheckInError("bad_batch").message)}, status=400)
    except CheckInError as exc:
        return JsonResponse({"error": exc.message}, status=exc.status)
    body = result.as_dict()
    body.update(selectors.check_in_counts(event))
    return JsonResponse(body)


def message(request, event_id):
    _require(permissions.can_message_attendees(request.user))
    event = _event(event_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.message_send(
            event=event,
            audience=form.cleaned_data["audience"],
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            by=request.user,
        )
        messages.success(
            request, _("Message sent to %(count)s people.") % {"count": sent.recipients}
        )
        return redirect("events_admin:registrations", event.pk)
    return TemplateResponse(
        request,
        "events/admin/message.html",
        {
            "page_title": _("Write to registrants: %(event)s") % {"event": event.title},
            "header_icon": "mail",
            "event": event,
            "form": form,
            "sent": event.messages.all()[:20],
        },
    )
