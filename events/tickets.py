"""Writes for tickets and check-in at the door (see ``events.models.tickets``).

- ``ticket_for`` gives a registration its ticket, made the first time it is shown.
- ``check_in`` lets one registrant in: it locks the registration's row, refuses a
  registration that is not confirmed and a ticket already used (saying when and by whom),
  and relies on the partial unique constraint ``one_check_in_per_registration`` so two
  staff scanning at once record one check-in whatever happens.
- ``check_in_batch`` merges check-ins made offline: each goes through ``check_in``; a
  ticket already checked in keeps its first check-in, so sending a batch twice adds
  nothing.
- ``undo_check_in`` undoes a mistake and keeps the row as its trace.

Every check-in and undo writes an audit entry (``events.check_in``,
``events.undo_check_in``).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wagtail.log_actions import log

from events.errors import CheckInError
from events.models import (
    CheckIn,
    CheckInMethod,
    EventPage,
    Registration,
    RegistrationStatus,
    Ticket,
)
from events.models.tickets import (
    CODE_ALPHABET,
    CODE_LENGTH,
    QR_PREFIX,
    new_code,
    new_secret,
    normalise_code,
)
from events.timezones import describe_time

logger = logging.getLogger(__name__)

#: A batch sent from the door holds at most this many check-ins.
BATCH_LIMIT = 2000
#: An offline check-in's time is believed within this window (else: when it arrived).
OFFLINE_PAST = timedelta(days=3)
CLOCK_SKEW = timedelta(minutes=5)


# ---------------------------------------------------------------------------
# Tickets
# ---------------------------------------------------------------------------


def ticket_for(registration: Registration) -> Ticket:
    """The registration's ticket, made now if it has none (a fresh secret and a short
    code unique within the event; a code already taken is drawn again)."""
    ticket = Ticket.objects.filter(registration=registration).first()
    if ticket is not None:
        return ticket
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Ticket.objects.create(
                    registration=registration,
                    event_id=registration.event_id,
                    secret=new_secret(),
                    code=new_code(),
                )
        except IntegrityError:
            ticket = Ticket.objects.filter(registration=registration).first()
            if ticket is not None:  # made by a request running at the same time
                return ticket
    raise RuntimeError("Could not draw a free ticket code")  # pragma: no cover


def tickets_for(registrations) -> dict[int, Ticket]:
    """Tickets of many registrations (registration pk → ticket), making the missing ones."""
    registrations = list(registrations)
    tickets = {
        t.registration_id: t
        for t in Ticket.objects.filter(registration__in=[r.pk for r in registrations])
    }
    missing = [r for r in registrations if r.pk not in tickets]
    if not missing:
        return tickets
    made = [
        Ticket(registration=r, event_id=r.event_id, secret=new_secret(), code=new_code())
        for r in missing
    ]
    try:
        with transaction.atomic():
            Ticket.objects.bulk_create(made)
        tickets.update({t.registration_id: t for t in made})
    except IntegrityError:  # a code drawn twice, or made meanwhile: one at a time
        for registration in missing:
            tickets[registration.pk] = ticket_for(registration)
    return tickets


# ---------------------------------------------------------------------------
# Finding a ticket from what was scanned or typed
# ---------------------------------------------------------------------------


def find_registration(*, event: EventPage, text: str) -> tuple[Registration, str]:
    """The registration whose ticket was scanned (the QR's text) or typed (its short
    code), and how (``scan`` or ``code``). Typed codes only count within ``event``."""
    text = (text or "").strip()[:200]
    if not text:
        raise CheckInError("empty", status=400)
    if text.startswith(QR_PREFIX):
        secret = text[len(QR_PREFIX) :]
        ticket = Ticket.objects.select_related("registration__event").filter(secret=secret).first()
        if ticket is None:
            raise CheckInError("unknown", params={"text": _shorten(text)}, status=400)
        if ticket.event_id != event.pk:
            raise CheckInError(
                "other_event", params={"title": ticket.registration.event.title}, status=409
            )
        return ticket.registration, CheckInMethod.SCAN
    code = normalise_code(text)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise CheckInError("garbage", params={"text": _shorten(text)}, status=400)
    ticket = Ticket.objects.select_related("registration").filter(event=event, code=code).first()
    if ticket is None:
        raise CheckInError("unknown", params={"text": _shorten(text)}, status=400)
    return ticket.registration, CheckInMethod.CODE


def _shorten(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:20]}…"


# ---------------------------------------------------------------------------
# Check-in
# ---------------------------------------------------------------------------


def display_name(registration: Registration) -> str:
    user = registration.user
    return registration.name or (user.get_full_name() if user else "") or registration.email


def already_error(check_in: CheckIn, event: EventPage, *, now=None) -> CheckInError:
    staff = check_in.by.get_full_name() if check_in.by else ""
    params = {"time": describe_time(check_in.at, event, now=now)}
    if staff:
        return CheckInError("already", params={**params, "by": staff}, check_in=check_in)
    return CheckInError("already_anonymous", params=params, check_in=check_in)


def _refuse_unless_confirmed(registration: Registration) -> None:
    if registration.status == RegistrationStatus.CANCELLED:
        raise CheckInError("cancelled", params={"name": display_name(registration)})
    if registration.status == RegistrationStatus.WAITLISTED:
        raise CheckInError("waitlisted", params={"name": display_name(registration)})


def check_in(
    *,
    registration: Registration,
    by,
    method: str = CheckInMethod.NAME,
    device: str = "",
    at: datetime | None = None,
    now=None,
) -> CheckIn:
    """Let ``registration`` in. Raises ``CheckInError`` ("cancelled", "waitlisted",
    "already" with the first check-in). ``at``: when it happened at the door, if earlier
    than now (offline check-ins)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "user")
            .get(pk=registration.pk)
        )
        _refuse_unless_confirmed(registration)
        first = (
            CheckIn.objects.select_related("by")
            .filter(registration=registration, undone_at__isnull=True)
            .first()
        )
        if first is not None:
            raise already_error(first, registration.event, now=now)
        try:
            with transaction.atomic():
                made = CheckIn.objects.create(
                    registration=registration,
                    event_id=registration.event_id,
                    at=at or now,
                    by=by if getattr(by, "pk", None) else None,
                    method=method,
                    device=(device or "")[:100],
                )
        except IntegrityError:
            # The row lock makes this unreachable in practice; the constraint decides.
            first = CheckIn.objects.select_related("by").get(
                registration=registration, undone_at__isnull=True
            )
            raise already_error(first, registration.event, now=now) from None
        Registration.objects.filter(pk=registration.pk).update(attended_at=made.at)
        registration.attended_at = made.at
        log(
            registration,
            "events.check_in",
            user=by,
            data={"method": method, "device": made.device, "at": made.at.isoformat()},
        )
    made.registration = registration
    return made


def check_in_text(*, event: EventPage, text: str, by, device: str = "", now=None) -> CheckIn:
    """Check in whoever holds the ticket scanned or typed at ``event``'s door."""
    registration, method = find_registration(event=event, text=text)
    return check_in(registration=registration, by=by, method=method, device=device, now=now)


def undo_check_in(*, registration: Registration, by, now=None) -> CheckIn:
    """Undo a check-in made by mistake. The check-in row stays, marked undone."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=registration.pk)
        )
        current = CheckIn.objects.filter(registration=registration, undone_at__isnull=True).first()
        if current is None:
            raise CheckInError("not_checked_in", params={"name": display_name(registration)})
        current.undone_at = now
        current.undone_by = by if getattr(by, "pk", None) else None
        current.save(update_fields=["undone_at", "undone_by"])
        Registration.objects.filter(pk=registration.pk).update(attended_at=None)
        registration.attended_at = None
        log(
            registration,
            "events.undo_check_in",
            user=by,
            data={
                "checked_in_at": current.at.isoformat(),
                "checked_in_by": current.by_id,
                "method": current.method,
            },
        )
    return current


# ---------------------------------------------------------------------------
# Offline check-ins, sent when the connection returns
# ---------------------------------------------------------------------------


@dataclass
class BatchResult:
    merged: list = field(default_factory=list)
    duplicate: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"merged": self.merged, "duplicate": self.duplicate, "refused": self.refused}


def _offline_time(value, *, now) -> datetime:
    """When an offline check-in happened, as the device said, if believable."""
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None:
        return now
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.UTC)
    if moment > now + CLOCK_SKEW or moment < now - OFFLINE_PAST:
        return now
    return min(moment, now)


def _read_batch(items) -> list[tuple]:
    """(id, registration pk or None, ticket text, time) per item; the whole batch is
    refused ("bad_batch") when any item cannot be read, before anything is merged."""
    if not isinstance(items, list) or len(items) > BATCH_LIMIT:
        raise CheckInError("bad_batch", status=400)
    batch = []
    for item in items:
        if not isinstance(item, dict):
            raise CheckInError("bad_batch", status=400)
        pk = item.get("registration")
        if pk is not None:
            if isinstance(pk, bool) or not isinstance(pk, int | str) or not str(pk).isdigit():
                raise CheckInError("bad_batch", status=400)
            pk = int(pk)
        text = item.get("ticket")
        if pk is None and not isinstance(text, str):
            raise CheckInError("bad_batch", status=400)
        batch.append((str(item.get("id", ""))[:64], pk, text or "", item.get("at")))
    return batch


def check_in_batch(*, event: EventPage, items, by, device: str = "", now=None) -> BatchResult:
    """Merge check-ins made offline at ``event``'s door. Each item is a dict with
    ``id`` (the device's own reference, echoed back), ``ticket`` (the QR text or a code)
    or ``registration`` (a pk, found by name in the offline list), and ``at`` (ISO time).

    Idempotent: a ticket already checked in (online, or by an earlier batch) keeps its
    first check-in and is reported as ``duplicate`` with who let it in and when; tickets
    cancelled or moved to the waiting list since the list was downloaded are ``refused``.
    """
    now = now or timezone.now()
    batch = _read_batch(items)
    result = BatchResult()
    for ref, pk, text, when in batch:
        try:
            if pk is not None:
                registration = Registration.objects.filter(pk=pk, event=event).first()
                if registration is None:
                    raise CheckInError("not_registrant", status=400)
            else:
                registration, _method = find_registration(event=event, text=text)
            made = check_in(
                registration=registration,
                by=by,
                method=CheckInMethod.OFFLINE,
                device=device,
                at=_offline_time(when, now=now),
                now=now,
            )
            result.merged.append(
                {
                    "id": ref,
                    "registration": registration.pk,
                    "name": display_name(registration),
                    "at": made.at.isoformat(),
                }
            )
        except CheckInError as exc:
            row = {"id": ref, "code": exc.code, "message": exc.message}
            if exc.check_in is not None:
                row["registration"] = exc.check_in.registration_id
                result.duplicate.append(row)
            else:
                result.refused.append(row)
    if result.merged:
        logger.info("Merged %s offline check-ins for event %s", len(result.merged), event.pk)
    return result
