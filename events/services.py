"""Writes for events: registration, waiting list, cancellation, check-in, messages, reminders.

The one invariant: **confirmed registrations never outnumber the event's capacity.**
Every write that can change who holds a place first locks the event's row
(``SELECT ... FOR UPDATE``) inside a transaction, so writers for one event queue up
on that lock and each sees the count its predecessor committed. On SQLite the
IMMEDIATE transaction mode gives the same serialisation. A unique constraint makes
one registration per member per event, so replayed requests find the first one.

A registration holds that lock as briefly as possible (``registration_create``): the
row, the email's intent (rendered at delivery, ``home.notify.notify_at_delivery``) and
the audit entry are written *before* the lock; then one round trip locks the event and
places the registration (count, waiting list, queue number) with a fresh snapshot; then
commit. On PostgreSQL that commit is asynchronous (``synchronous_commit = off`` for this
transaction only), so the lock is released without waiting for the disk; right after,
and before anyone is told or any email can leave, one synchronous commit flushes the
write-ahead log up to it (``_make_durable``). WAL is written in order, so no crash can
keep a later registration and lose an earlier one: the invariant holds in every state
the database can come back in, and no registration a member was told about is lost.
"""

import logging
import sys
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone, translation

from wagtail.log_actions import get_active_log_context, log
from wagtail.models import Locale, ModelLogEntry

from events import ics, joining
from events.audience import may_register
from events.errors import MESSAGES, RegistrationError  # noqa: F401 — re-exported
from events.models import (
    AttendanceMode,
    CalendarFeed,
    EventMessage,
    EventPage,
    EventStatus,
    Place,
    Registration,
    RegistrationState,
    RegistrationStatus,
)
from home import links
from home.notify import language_for, notify, notify_at_delivery, renderer

REMINDERS = (
    ("24h", timedelta(hours=24), "reminded_24h_at"),
    ("1h", timedelta(hours=1), "reminded_1h_at"),
)

logger = logging.getLogger(__name__)


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _lock_event(event: EventPage) -> EventPage:
    """Lock and reload the event that holds registrations (its original-language page)."""
    target = event.registration_event
    return EventPage.objects.select_for_update(of=("self",)).get(pk=target.pk)


def _in_place(queryset, place: str):
    """Registrations holding ``place`` (a hybrid event's kind; "": all of the event's)."""
    return queryset.filter(place=place) if place else queryset


def _confirmed_count(event: EventPage, place: str = "") -> int:
    return _in_place(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED), place
    ).count()


def event_in_language(event: EventPage, language: str) -> EventPage:
    """The event's page in ``language`` if it is translated and live, else the event."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or event.locale_id == locale.pk:
        return event
    translated = EventPage.objects.filter(
        translation_key=event.translation_key, locale=locale, live=True
    ).first()
    return translated or event


def _email(
    registration: Registration,
    template: str,
    *,
    key: str,
    with_ics: bool = False,
    with_ticket: bool = False,
    **extra,
):
    """Tell the registrant (kind ``events.<template>``), in their language's event page."""
    parts = _email_parts(registration, with_ics=with_ics, with_ticket=with_ticket, **extra)
    if parts is None:
        return None
    return notify(
        parts["recipient"],
        f"events.{template}",
        context=parts["context"],
        link=parts["link"],
        dedupe_key=key,
        attachments=parts["attachments"],
    )


@renderer("events.registration")
def _registration_email(*, kind_key: str, registration: int):
    """The confirmation or waiting-list email of a registration, rendered at delivery."""
    registration = (
        Registration.objects.select_related("user", "event").filter(pk=registration).first()
    )
    if registration is None:
        return None
    if kind_key == "events.waitlisted":
        # Where they stand now (a place may have freed up ahead of them since).
        return _email_parts(registration, position=registration.waitlist_position() or 1)
    return _email_parts(registration, with_ics=True, with_ticket=True)


def _email_parts(
    registration: Registration, *, with_ics: bool = False, with_ticket: bool = False, **extra
) -> dict | None:
    """What ``notify()`` needs to tell the registrant, in their language's event page."""
    user = registration.user
    if user is None or not user.email:
        return None
    language = language_for(user)
    event = event_in_language(registration.event, language)
    url = links.page_url(event, language)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    link = joining.joining_link(event, registration) if event.is_online else None
    joining_link = link.url if link else ""
    attachments = []
    if with_ics and event.start and event.end:
        attachments.append(
            {
                "filename": "event.ics",
                "content": ics.event_calendar(
                    event,
                    url=url,
                    joining_link=joining_link,
                    place=_place_line(registration, language),
                ),
                "mimetype": "text/calendar",
            }
        )
    if with_ticket and confirmed:
        from events.tickets import ticket_for

        extra["ticket"] = ticket_for(registration)
        extra["ticket_url"] = links.url("events:ticket", language=language, args=[registration.pk])
    context = {
        "name": user.get_full_name() or user.email,
        "event": event,
        "event_url": url,
        "registration": registration,
        "joining_link": joining_link,
        "joining_link_minutes": link.minutes if link and link.pending else None,
        "start_local": timezone.localtime(event.start, event_zone(event)) if event.start else None,
        "end_local": timezone.localtime(event.end, event_zone(event)) if event.end else None,
        **extra,
    }
    return {"recipient": user, "context": context, "link": event, "attachments": attachments}


def _place_line(registration: Registration, language: str) -> str:
    """ "Your place: Online" at a hybrid event, in ``language``; else ""."""
    from django.utils.translation import gettext

    if not registration.place:
        return ""
    with translation.override(language):
        return gettext("Your place: %(place)s") % {"place": registration.get_place_display()}


def event_zone(event):
    from events.timezones import get_zone

    return get_zone(event.timezone)


def _confirm(registration: Registration, *, now, promoted: bool) -> None:
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    event = registration.event
    # Joining within a reminder's window: the confirmation stands in for that reminder.
    for _kind, lead, field in REMINDERS:
        if event.start and event.start - now <= lead:
            setattr(registration, field, now)
    registration.save()
    kind = "promoted" if promoted else "confirmation"
    _email(
        registration,
        kind,
        key=f"event-{kind}:{registration.pk}:{registration.round}",
        with_ics=True,
        with_ticket=True,
    )


def _fill_places(event: EventPage, *, now, by=None, exclude=None, place=None) -> list[Registration]:
    """Promote from the waiting list, in order, while places are free. Event must be locked.

    A hybrid event fills each kind of place from its own waiting list (``place``: only
    that kind)."""
    places = [place] if place is not None else event.places()
    promoted = []
    for kind in places:
        promoted += _fill_kind(
            event, kind if event.is_hybrid else "", now=now, by=by, exclude=exclude
        )
    return promoted


def _fill_kind(event: EventPage, place: str, *, now, by=None, exclude=None) -> list[Registration]:
    if event.start and event.start <= now:
        return []
    waiting = _in_place(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED), place
    )
    if exclude is not None:
        waiting = waiting.exclude(pk=exclude)
    capacity = event.capacity_for(place)
    free = waiting.count() if capacity is None else capacity - _confirmed_count(event, place)
    if free <= 0:
        return []
    promoted = list(
        waiting.select_for_update(of=("self",))
        .select_related("user")
        .order_by("queue_number")[:free]
    )
    for registration in promoted:
        registration.event = event
        _confirm(registration, now=now, promoted=True)
        log(registration, "events.promote", user=by)
    return promoted


# ---------------------------------------------------------------------------
# Registration
# ---------------------------------------------------------------------------


#: Place one registration, under the event's lock. Run after the lock is taken (its own
#: statement, so its snapshot sees every registration committed before the lock was
#: granted). A place is free when the capacity allows ("room") and nobody else is
#: waiting; room while someone waits means: fill places from the list first.
_PLACE = """
UPDATE events_registration SET
    status = CASE WHEN p.room AND NOT p.waiting THEN 'confirmed' ELSE 'waitlisted' END,
    confirmed_at = CASE WHEN p.room AND NOT p.waiting THEN %(now)s ELSE NULL END,
    reminded_24h_at = CASE WHEN p.room AND NOT p.waiting AND %(in_24h)s
        THEN %(now)s ELSE NULL END,
    reminded_1h_at = CASE WHEN p.room AND NOT p.waiting AND %(in_1h)s
        THEN %(now)s ELSE NULL END,
    queue_number = p.last + 1
FROM (
    SELECT
        (CASE WHEN %(place)s = 'online' THEN e.online_capacity ELSE e.capacity END IS NULL
         OR CASE WHEN %(place)s = 'online' THEN e.online_capacity ELSE e.capacity END > (
            SELECT COUNT(*) FROM events_registration
            WHERE event_id = %(event)s AND status = 'confirmed'
              AND (%(place)s = '' OR place = %(place)s)
        )) AS room,
        EXISTS (
            SELECT 1 FROM events_registration
            WHERE event_id = %(event)s AND status = 'waitlisted' AND id <> %(registration)s
              AND (%(place)s = '' OR place = %(place)s)
        ) AS waiting,
        (SELECT COALESCE(MAX(queue_number), 0) FROM events_registration
         WHERE event_id = %(event)s) AS last
    FROM events_eventpage e WHERE e.page_ptr_id = %(event)s
) AS p
WHERE events_registration.id = %(registration)s
RETURNING events_registration.status, events_registration.queue_number
"""
#: PostgreSQL can return the FROM list's columns too (SQLite asks again, below).
_PLACE_PG = _PLACE.rstrip() + ", p.room\n"
_ROOM = """
SELECT CASE WHEN %(place)s = 'online' THEN e.online_capacity ELSE e.capacity END IS NULL
    OR CASE WHEN %(place)s = 'online' THEN e.online_capacity ELSE e.capacity END > (
    SELECT COUNT(*) FROM events_registration WHERE event_id = %(event)s AND status = 'confirmed'
        AND (%(place)s = '' OR place = %(place)s)
) FROM events_eventpage e WHERE e.page_ptr_id = %(event)s
"""
#: The email's kind and key follow the place (same keys as the rendered-now emails).
_EMAIL_KIND = """
UPDATE home_outboxemail SET
    reason = CASE WHEN (SELECT status FROM events_registration WHERE id = %(registration)s)
        = 'confirmed' THEN 'events.confirmation' ELSE 'events.waitlisted' END,
    dedupe_key = CASE WHEN (SELECT status FROM events_registration WHERE id = %(registration)s)
        = 'confirmed' THEN %(key_confirmed)s ELSE %(key_waitlisted)s END
WHERE id = %(email)s
"""


def _make_durable() -> None:
    """After an asynchronous commit: flush the write-ahead log up to it (PostgreSQL).

    A transaction that takes a transaction id commits synchronously (the default), and
    flushing its commit record flushes everything written before it, ours included.
    Concurrent flushes share one disk write (group commit)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()")


def _place(
    *, event_id: int, registration: Registration, email_id, now, lock: bool, pipelined=False
):
    """Lock the event (``lock``) and place ``registration``: one round trip on PostgreSQL.

    Returns (status, queue_number, room); ``pipelined`` (the connection is in pipeline
    mode, see ``_Pipeline``): a function returning them, to call once the COMMIT that
    follows in the same round trip is through."""
    params = {
        "event": event_id,
        "registration": registration.pk,
        # A hybrid event's kind of place: its own capacity and waiting list ("" for one).
        "place": registration.place or "",
        "now": connection.ops.adapt_datetimefield_value(now),
        "email": email_id or 0,
        "key_confirmed": f"event-confirmation:{registration.pk}:{registration.round}",
        "key_waitlisted": f"event-waitlisted:{registration.pk}:{registration.round}",
    }
    start = registration.event.start
    params["in_24h"] = bool(start and start - now <= REMINDERS[0][1])
    params["in_1h"] = bool(start and start - now <= REMINDERS[1][1])
    postgres = connection.vendor == "postgresql"
    place = _PLACE_PG if postgres else _PLACE
    statements = []
    if postgres:
        # This transaction only: release the lock without waiting for the disk
        # (``_make_durable`` waits for it after commit, before anyone is told).
        statements.append("SET LOCAL synchronous_commit TO OFF")
        if lock:
            statements.append(
                "SELECT 1 FROM events_eventpage WHERE page_ptr_id = %(event)s FOR UPDATE"
            )
    statements.append(place)
    if email_id:
        statements.append(_EMAIL_KIND)
    if pipelined:
        # One statement per execute (pipelines use the extended protocol); queued, sent
        # with the COMMIT. The placement's own cursor keeps its row for afterwards.
        others = connection.cursor()
        placing = connection.cursor()
        for statement in statements:
            (placing if statement is place else others).execute(statement, params)

        def fetch():
            try:
                row = placing.fetchone()
            finally:
                placing.close()
                others.close()
            return row[0], row[1], bool(row[2])

        return fetch
    with connection.cursor() as cursor:
        if postgres and _client_side_binding(cursor):
            # Several statements in one round trip; each still gets a fresh snapshot.
            cursor.execute(";\n".join(statements), params)
            for _ in range(statements.index(place)):
                cursor.nextset()
            row = cursor.fetchone()
        else:
            row = None
            for statement in statements:
                cursor.execute(statement, params)
                if statement is place:
                    row = cursor.fetchone()
            if not postgres:
                room = False
                if row[0] == RegistrationStatus.WAITLISTED:
                    cursor.execute(_ROOM, params)
                    room = cursor.fetchone()[0]
                row = (*row, room)
    return row[0], row[1], bool(row[2])


class _Pipeline:
    """PostgreSQL with psycopg 3: send the placement and the COMMIT in one round trip.

    Between the lock being granted and the COMMIT, nothing then waits for this Python
    thread (which, in a busy process, may wait for the interpreter lock before it can
    send its COMMIT): the event's lock is held for the server's work only. Left before
    anything else runs after commit (``leave`` is the transaction's first hook).
    """

    def __init__(self):
        self.manager = None

    @staticmethod
    def possible() -> bool:
        if connection.vendor != "postgresql":
            return False
        import psycopg

        return psycopg.Pipeline.is_supported()

    def enter(self) -> None:
        self.manager = connection.connection.pipeline()
        self.manager.__enter__()

    def leave(self, *exc_info) -> None:
        if self.manager is not None:
            manager, self.manager = self.manager, None
            manager.__exit__(*(exc_info or (None, None, None)))


def _client_side_binding(cursor) -> bool:
    import psycopg

    return isinstance(cursor.cursor, psycopg.ClientCursor)


def _log_register(registration: Registration, *, user, event_id: int) -> None:
    """The audit entry ``log(registration, "events.register")`` writes, in one INSERT.

    Written before the placement, so its label names the member and the event, not the
    outcome (the registration itself says that). Wagtail's ``log()`` validates the row
    first (two more queries per registration, on the hot path)."""
    context = get_active_log_context()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(Registration),
                object_id=str(registration.pk),
                label=f"{registration.name or registration.email} · {event_id}",
                action="events.register",
                timestamp=timezone.now(),
                user=user if getattr(user, "pk", None) else context.user,
                uuid=context.uuid,
                data={},
            )
        ]
    )


def registration_create(
    *,
    event: EventPage,
    user,
    answers: dict | None = None,
    show_in_attendee_list: bool = False,
    share_with_co_hosts: bool = False,
    place: str = "",
    by=None,
    now=None,
) -> RegistrationResult:
    """Register ``user``: a confirmed place if one is free, else the end of the waiting list.

    At a hybrid event ``place`` (in person or online) is required: each kind has its own
    capacity and waiting list, placed under the same lock. Other events ignore it.

    Idempotent: a member who already holds a place (or a place in line) gets that
    registration back, unchanged, and no second email. ``by`` is the staff member
    adding someone by hand (window and audience rules then do not apply).

    Everything but the placement happens before the event's lock is taken (see the
    module's docstring): the row is written as "cancelled" (invisible to everyone else
    until commit, and not counted by the placement), then placed under the lock.
    """
    target = event.registration_event
    if not target.is_hybrid:
        place = ""
    elif place not in Place.values:
        raise RegistrationError("place_required")
    pipeline = _Pipeline()
    fetch = None
    try:
        with transaction.atomic():
            outermost = len(connection.atomic_blocks) == 1  # ours: the commit is ours too
            existing = (
                Registration.objects.select_for_update().filter(event=target, user=user).first()
            )
            if existing is not None and existing.is_active:
                return RegistrationResult(existing, created=False)
            if by is None:
                state = target.registration_state(now)
                if state != RegistrationState.OPEN:
                    raise RegistrationError(state)
                if not may_register(target, user):
                    raise RegistrationError("audience")
            registration = existing or Registration(event=target, user=user)
            if existing is not None:
                registration.round += 1
                registration.cancelled_at = None
                registration.attended_at = None
            registration.event = target
            registration.status = RegistrationStatus.CANCELLED  # until placed, below
            registration.place = place
            registration.queue_number = 0
            registration.confirmed_at = None
            registration.name = user.get_full_name() or ""
            registration.email = user.email
            registration.answers = answers or {}
            registration.show_in_attendee_list = show_in_attendee_list
            registration.share_with_co_hosts = share_with_co_hosts
            registration.added_by_staff = by is not None
            if connection.vendor == "postgresql":
                # Before the email's hook: durable before the email is handed over.
                transaction.on_commit(lambda: (pipeline.leave(), _make_durable()))
            registration.save()
            email = notify_at_delivery(
                user,
                "events.confirmation",  # or events.waitlisted: set by the placement
                renderer="events.registration",
                params={"registration": registration.pk},
                dedupe_key=f"event-registration:{registration.pk}:{registration.round}",
                new_key=True,  # this row and round were written just above
            )
            _log_register(registration, user=by or user, event_id=target.pk)
            # The critical section: lock, place, commit.
            now = now or timezone.now()
            placement = {"event_id": target.pk, "registration": registration, "now": now}
            email_id = getattr(email, "pk", None)
            if outermost and _Pipeline.possible():
                # Sent with the COMMIT; the result is read after it, below.
                pipeline.enter()
                fetch = _place(**placement, email_id=email_id, lock=True, pipelined=True)
            else:
                status, queue, room = _place(**placement, email_id=email_id, lock=True)
                if status == RegistrationStatus.WAITLISTED and room:
                    # Places are free but people are waiting: they go first, then the
                    # newcomer.
                    locked = EventPage.objects.get(pk=target.pk)
                    if _fill_places(locked, now=now, by=by, exclude=registration.pk):
                        status, queue, room = _place(**placement, email_id=email_id, lock=False)
                _placed(registration, status, queue, now=now)
                return RegistrationResult(registration, created=True)
    except IntegrityError:
        # A concurrent twin won the unique constraint.
        registration = Registration.objects.get(event=target, user=user)
        return RegistrationResult(registration, created=False)
    finally:
        pipeline.leave(*sys.exc_info())
    # Pipelined: committed; read where the registration stands.
    status, queue, room = fetch()
    if status == RegistrationStatus.WAITLISTED and room:
        # Places were free while others waited (a capacity raised a moment ago): they
        # were placed before the newcomer, who waits at the end. Fill the free places
        # in order now, as a capacity change does; the newcomer's turn may come too.
        capacity_changed(event=target, by=by, now=now)
        registration.refresh_from_db()
        return RegistrationResult(registration, created=True)
    _placed(registration, status, queue, now=now)
    return RegistrationResult(registration, created=True)


def _placed(registration: Registration, status: str, queue: int, *, now) -> None:
    """Mirror on the instance what the placement wrote."""
    registration.status = status
    registration.queue_number = queue
    if status == RegistrationStatus.CONFIRMED:
        registration.confirmed_at = now
        start = registration.event.start
        for _kind, lead, field in REMINDERS:
            if start and start - now <= lead:
                setattr(registration, field, now)


def registration_cancel(
    *, registration: Registration, by=None, now=None, notify: bool = True
) -> list[Registration]:
    """Cancel a place or a place in line; the first people waiting take freed places.

    Returns the registrations promoted as a result.
    """
    with transaction.atomic():
        locked = _lock_event(registration.event)
        now = now or timezone.now()  # after the lock, so times follow the lock order
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise RegistrationError("inactive")
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.event = locked
        if notify:
            _email(
                registration,
                "cancelled",
                key=f"event-cancelled:{registration.pk}:{registration.round}",
                by_staff=by is not None and by != registration.user,
            )
        log(registration, "events.cancel", user=by)
        return _fill_places(locked, now=now, by=by)


def registration_promote(*, registration: Registration, by, now=None) -> Registration:
    """Staff: put someone first in line and give them a place if one is free.

    The capacity still holds: when the event is full they wait at the front; raise the
    capacity on the event page to let them in.
    """
    with transaction.atomic():
        locked = _lock_event(registration.event)
        now = now or timezone.now()  # after the lock, so times follow the lock order
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.WAITLISTED:
            raise RegistrationError("not_waitlisted")
        first = (
            Registration.objects.filter(event=locked, status=RegistrationStatus.WAITLISTED)
            .order_by("queue_number")
            .values_list("queue_number", flat=True)
            .first()
        )
        if first is not None and first < registration.queue_number:
            # Everyone else keeps their order; this person moves in front of them all.
            registration.queue_number = first - 1
            registration.save(update_fields=["queue_number"])
        log(registration, "events.move_to_front", user=by)
        _fill_places(locked, now=now, by=by)
        registration.refresh_from_db()
        return registration


def registration_switch(*, registration: Registration, place: str, by=None, now=None):
    """At a hybrid event: move a registration to the other kind of place.

    A confirmed member moves only to a free place (nobody waiting for that kind, a place
    left); the place they leave goes to the first person waiting for it. To a full kind
    they are refused and keep their place. A member waiting moves to a free place of the
    other kind, or to the end of its waiting list (behind everyone already waiting:
    the target's line is never jumped). Returns the registration as it now stands.
    """
    with transaction.atomic():
        locked = _lock_event(registration.event)
        now = now or timezone.now()  # after the lock, so times follow the lock order
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not locked.is_hybrid:
            raise RegistrationError("not_hybrid")
        if place not in Place.values:
            raise RegistrationError("place_required")
        if not registration.is_active:
            raise RegistrationError("inactive")
        if locked.is_cancelled or (locked.start and locked.start <= now):
            raise RegistrationError(locked.registration_state(now))
        if registration.place == place:
            return registration
        # Anyone already waiting for a free place of that kind goes first.
        _fill_kind(locked, place, now=now, by=by)
        capacity = locked.capacity_for(place)
        waiting = _in_place(
            Registration.objects.filter(event=locked, status=RegistrationStatus.WAITLISTED), place
        ).exists()
        free = not waiting and (capacity is None or _confirmed_count(locked, place) < capacity)
        left = registration.place
        registration.event = locked
        if registration.status == RegistrationStatus.CONFIRMED:
            if not free:
                raise RegistrationError("place_full")
            registration.place = place
            registration.save(update_fields=["place"])
            _email(
                registration,
                "switched",
                key=f"event-switched:{registration.pk}:{registration.round}:{now.isoformat()}",
                with_ics=True,
            )
        else:
            registration.place = place
            if free:
                _confirm(registration, now=now, promoted=False)
            else:
                last = Registration.objects.filter(event=locked).aggregate(
                    last=models.Max("queue_number")
                )["last"]
                registration.queue_number = (last or 0) + 1
                registration.save(update_fields=["place", "queue_number"])
        log(registration, "events.switch", user=by or registration.user, data={"place": place})
        _fill_kind(locked, left, now=now, by=by)
        return registration


def capacity_changed(*, event: EventPage, by=None, now=None) -> list[Registration]:
    """After the capacity changes: raising it promotes in order; lowering it removes nobody."""
    with transaction.atomic():
        locked = _lock_event(event)
        if locked.is_cancelled:
            return []  # nobody is promoted to a cancelled event
        now = now or timezone.now()  # after the lock, so times follow the lock order
        return _fill_places(locked, now=now, by=by)


# ---------------------------------------------------------------------------
# Changes that reach registrants
# ---------------------------------------------------------------------------


def event_changed(*, event: EventPage) -> int | None:
    """After the event's page is published: when what registrants were told (its time,
    place, joining link or status: ``EventPage.registrant_facts``) changed, raise the
    calendar SEQUENCE of every language's page and tell everyone registered or waiting,
    after commit (``tasks.tell_registrants_of_change``). Returns the new sequence, or
    None when nothing they were told changed (a first publication tells nobody: it only
    records what registrants will be told). Registrations stay as they are, cancelled
    event or not."""
    with transaction.atomic():
        locked = EventPage.objects.select_for_update().get(pk=event.registration_event.pk)
        facts, before = locked.registrant_facts(), locked.told_facts or {}
        if facts == before:
            return None
        EventPage.objects.filter(pk=locked.pk).update(told_facts=facts)
        if not before:
            return None
        sequence = locked.calendar_sequence + 1
        EventPage.objects.filter(translation_key=locked.translation_key).update(
            calendar_sequence=sequence
        )
        event_id = locked.pk

        def tell():
            from events.tasks import tell_registrants_of_change

            try:
                tell_registrants_of_change.delay(event_id, sequence, before, facts)
            except Exception:  # noqa: BLE001 — the broker is down: tell them now, not never
                logger.exception("Broker unreachable; telling registrants in the request.")
                tell_registrants(event_id=event_id, sequence=sequence, before=before, after=facts)

        transaction.on_commit(tell)
    return sequence


def _was_and_now(before: dict, after: dict, *, confirmed: bool, link_minutes=None) -> list[dict]:
    """What changed, in the active language: ``{"label", "was", "now"}`` per fact."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from events.timezones import get_zone
    from home.l10n import zone_label

    def when(facts):
        if not facts.get("start"):
            return ""
        from datetime import datetime

        zone = get_zone(facts.get("timezone") or "UTC")
        start = timezone.localtime(datetime.fromisoformat(facts["start"]), zone)
        end = timezone.localtime(datetime.fromisoformat(facts["end"]), zone)
        until = (
            date_format(end, "TIME_FORMAT")
            if end.date() == start.date()
            else date_format(end, "DATETIME_FORMAT")
        )
        return (
            f"{date_format(start, 'DATETIME_FORMAT')}–{until} "
            f"({zone_label(facts.get('timezone') or 'UTC', start)})"
        )

    def where(facts):
        from django_countries import countries

        if facts.get("attendance_mode") == AttendanceMode.ONLINE:
            return _("Online")
        country = dict(countries).get(facts.get("country") or "", "")
        place = ", ".join(str(part) for part in (facts.get("venue"), country) if part)
        if facts.get("attendance_mode") == AttendanceMode.HYBRID:
            place = f"{place} {_('and online')}".strip()
        return place or _("Venue to be announced")

    changes = []
    if any(before.get(k) != after.get(k) for k in ("start", "end", "timezone")):
        changes.append({"label": _("When"), "was": when(before), "now": when(after)})
    if any(before.get(k) != after.get(k) for k in ("venue", "country", "attendance_mode")):
        changes.append({"label": _("Where"), "was": where(before), "now": where(after)})
    if before.get("online_url") != after.get("online_url") and after.get("online_url"):
        changes.append(
            {
                "label": _("Joining link"),
                "was": "",
                "now": after["online_url"]
                if confirmed and not link_minutes
                else (
                    ngettext(
                        "changed; it appears on the event page %(minutes)s minute before the start",
                        "changed; it appears on the event page %(minutes)s minutes before the "
                        "start",
                        link_minutes,
                    )
                    % {"minutes": link_minutes}
                    if confirmed
                    else _("changed; you will receive it once you have a place")
                ),
            }
        )
    return changes


def tell_registrants(*, event_id: int, sequence: int, before: dict, after: dict) -> int:
    """Tell each person registered or waiting for the event, in their language, what
    changed from ``before`` to ``after`` (or that it is cancelled), with the event's
    current calendar entry. Once per person per change (``dedupe_key``): running it again
    sends nothing new; two changes in a row are two messages, each saying what it
    changed. Returns how many were told."""
    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    cancelled = after.get("status") == EventStatus.CANCELLED
    if cancelled and before.get("status") == EventStatus.CANCELLED:
        return 0  # already told it is cancelled
    kind = "cancelled_event" if cancelled else "changed"
    told = 0
    people = (
        Registration.objects.filter(
            event=event,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
            user__isnull=False,
        )
        .select_related("user", "event")
        .order_by("pk")
    )
    for registration in people.iterator(chunk_size=200):
        language = language_for(registration.user)
        with translation.override(language):
            link = joining.joining_link(event, registration, url=after.get("online_url") or "")
            changes = _was_and_now(
                before,
                after,
                confirmed=registration.status == RegistrationStatus.CONFIRMED,
                link_minutes=link.minutes if link and link.pending else None,
            )
        if kind == "changed" and not changes:
            continue
        sent = _email(
            registration,
            kind,
            key=f"events.{kind}:{event.pk}:{sequence}:{registration.pk}",
            with_ics=True,
            changes=changes,
            waiting=registration.status == RegistrationStatus.WAITLISTED,
        )
        told += sent is not None
    return told


# ---------------------------------------------------------------------------
# Materials: attendees hear of what remains, once per new set
# ---------------------------------------------------------------------------


def materials_published(*, event: EventPage) -> list[str]:
    """After the event's page is published: when it holds materials (its own or its
    sessions') that attendees were not told about yet, record them as told and, after
    commit, tell everyone with a place (``tasks.tell_attendees_of_materials``). Returns
    the ids of the new materials ([] when there are none).

    The record is on the event's original-language page, under its row lock, so two
    publications at once (two languages, two editors) tell people once; the dedupe key
    (the event and the new materials) makes a replayed job send nothing more. Publishing
    again without new materials, or removing one, tells nobody. Drafts never reach
    here (``page_published`` only). A cancelled event tells nobody."""
    with transaction.atomic():
        locked = EventPage.objects.select_for_update().get(pk=event.registration_event.pk)
        current = [item["id"] for item, _session in event.material_items() if item.get("id")]
        told = list(locked.told_materials or [])
        new = [pk for pk in current if pk not in told]
        if not new:
            return []
        EventPage.objects.filter(pk=locked.pk).update(told_materials=told + new)
        if locked.is_cancelled or event.is_cancelled:
            return []
        event_id = locked.pk

        def tell():
            from events.tasks import tell_attendees_of_materials

            try:
                tell_attendees_of_materials.delay(event_id, new)
            except Exception:  # noqa: BLE001 — the broker is down: tell them now, not never
                logger.exception("Broker unreachable; telling attendees in the request.")
                tell_attendees(event_id=event_id, materials=new)

        transaction.on_commit(tell)
    return new


def _new_materials_in(event: EventPage, ids: list[str]) -> list[dict]:
    """``{"title", "kind"}`` of the materials ``ids`` on ``event`` (in its language)."""
    from events.blocks import MaterialsStreamBlock

    labels = {name: block.label for name, block in MaterialsStreamBlock().child_blocks.items()}
    wanted = set(ids)
    found = []
    for item, session in event.material_items():
        if item.get("id") in wanted and item.get("type") in labels:
            title = (item.get("value") or {}).get("title") or ""
            if not title and session is not None:
                title = (session.get("value") or {}).get("title") or ""
            found.append({"kind": str(labels[item["type"]]), "title": title})
    return found


def tell_attendees(*, event_id: int, materials: list[str]) -> int:
    """Tell each person with a place at the event (confirmed, checked in or not), in
    their language, that the materials ``materials`` (block ids) are on its page, with a
    link to the materials section. Never those waiting or who cancelled. Once per person
    per set (``dedupe_key``). Returns how many were told."""
    import hashlib

    event = EventPage.objects.filter(pk=event_id).first()
    if event is None or not materials:
        return 0
    digest = hashlib.sha256(",".join(sorted(materials)).encode()).hexdigest()[:16]
    people = (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, user__isnull=False
        )
        .select_related("user", "event")
        .order_by("pk")
    )
    told = 0
    for registration in people.iterator(chunk_size=200):
        user = registration.user
        if not user.email:
            continue
        language = language_for(user)
        page = event_in_language(event, language)
        with translation.override(language):
            items = _new_materials_in(page, materials)
        if not items:
            continue
        url = links.page_url(page, language) + "#materials"
        sent = notify(
            user,
            "events.materials",
            context={
                "name": user.get_full_name() or user.email,
                "event": page,
                "event_url": url,
                "materials": items,
            },
            link=url,
            dedupe_key=f"events.materials:{event.pk}:{digest}:{registration.pk}",
        )
        told += sent is not None
    return told


def registration_check_in(*, registration: Registration, by, attended: bool = True, now=None):
    """Mark present (found by name at the door), or undo; see ``events.tickets``."""
    from events import tickets

    if attended:
        tickets.check_in(registration=registration, by=by, now=now)
    else:
        tickets.undo_check_in(registration=registration, by=by, now=now)
    return Registration.objects.get(pk=registration.pk)


def registration_set_visibility(*, registration: Registration, show: bool) -> Registration:
    Registration.objects.filter(pk=registration.pk).update(show_in_attendee_list=show)
    registration.show_in_attendee_list = show
    return registration


# ---------------------------------------------------------------------------
# Messages and reminders
# ---------------------------------------------------------------------------


def message_send(*, event: EventPage, audience: str, subject: str, body: str, by) -> EventMessage:
    """Staff write to registrants; each recipient gets it once, in their language's frame."""
    event = event.registration_event
    with transaction.atomic():
        message = EventMessage.objects.create(
            event=event, audience=audience, subject=subject, body=body, sent_by=by
        )
        registrations = Registration.objects.filter(event=event, user__isnull=False)
        if audience == EventMessage.Audience.ATTENDED:
            registrations = registrations.filter(attended_at__isnull=False)
        elif audience == EventMessage.Audience.WAITLISTED:
            registrations = registrations.filter(status=RegistrationStatus.WAITLISTED)
        else:
            registrations = registrations.filter(status=RegistrationStatus.CONFIRMED)
        count = 0
        for registration in registrations.select_related("user", "event"):
            if _email(
                registration,
                "message",
                key=f"event-message:{message.pk}:{registration.pk}",
                message=message,
            ):
                count += 1
        message.recipients = count
        message.save(update_fields=["recipients"])
        log(message.event, "events.message", user=by, data={"recipients": count})
    return message


def send_due_reminders(*, now=None) -> int:
    """Send the 24-hour and 1-hour reminders that are due. Safe to run any number of times.

    Each reminder is claimed by a conditional UPDATE (only one caller flips the
    timestamp from empty) and written with a dedupe key, so two runs, or two workers
    racing, send it once.
    """
    now = now or timezone.now()
    sent = 0
    for kind, lead, field in REMINDERS:
        due = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            user__isnull=False,
            event__live=True,
            event__status=EventStatus.SCHEDULED,
            event__start__gt=now,
            event__start__lte=now + lead,
            **{f"{field}__isnull": True},
        )
        if kind == "24h":
            # Within the last hour only the 1-hour reminder goes.
            due = due.filter(event__start__gt=now + timedelta(hours=1))
        for pk in due.values_list("pk", flat=True)[:2000]:
            with transaction.atomic():
                claimed = Registration.objects.filter(
                    pk=pk, status=RegistrationStatus.CONFIRMED, **{f"{field}__isnull": True}
                ).update(**{field: now})
                if not claimed:
                    continue
                registration = Registration.objects.select_related("user", "event").get(pk=pk)
                if _email(
                    registration,
                    "reminder",
                    key=f"event-reminder-{kind}:{registration.pk}:{registration.round}",
                    with_ics=False,
                    lead=kind,
                ):
                    sent += 1
    return sent


# ---------------------------------------------------------------------------
# Member deletion
# ---------------------------------------------------------------------------


def anonymise_member(*, user) -> int:
    """Keep the registrations (the counts stay true) but drop the name and email.

    Active registrations are cancelled first, so their places go to the waiting list.
    """
    active = list(Registration.objects.active().filter(user=user))
    for registration in active:
        registration_cancel(registration=registration, by=None, notify=False)
    return Registration.objects.filter(user=user).update(
        name="", email="", answers={}, show_in_attendee_list=False, share_with_co_hosts=False
    )


# ---------------------------------------------------------------------------
# The personal calendar feed
# ---------------------------------------------------------------------------


def calendar_feed_get(*, user) -> CalendarFeed:
    """The member's feed, made on first need (a replayed or concurrent call finds it)."""

    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user)
    except IntegrityError:
        return CalendarFeed.objects.get(user=user)


def calendar_feed_reset(*, user, now=None) -> CalendarFeed:
    """A new token: the old address answers 404 from now on, like any made-up one."""

    from events.models.calendar import new_token

    now = now or timezone.now()
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(user=user).first()
        if feed is None:
            feed = CalendarFeed.objects.create(user=user)
        feed.token = new_token()
        feed.reset_at = now
        feed.save(update_fields=["token", "reset_at"])
        log(feed, "events.calendar_reset", user=user)
    return feed
