"""A member's personal calendar feed (``/calendar/<token>.ics``).

It holds their confirmed registrations (not places in line, not cancelled ones; an event
they were confirmed for that is then cancelled stays, with ``STATUS:CANCELLED``) and
whatever other apps add through the ``personal_calendar_entries`` Wagtail hook
(cohorts: the dated sessions of the cohorts the member takes part in). Each entry has a
stable UID and a SEQUENCE that rises when it changes. Read in a bounded number of
queries, whatever the member has.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from wagtail import hooks

from events.models import CalendarFeed, Registration, RegistrationStatus

#: Entries from the last year and the future (a calendar app holds the rest already).
HISTORY_DAYS = 365
LIMIT = 500


@dataclass(frozen=True)
class Entry:
    """One entry of the feed, from any app: times aware (written in UTC)."""

    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    url: str = ""
    description: str = ""
    location: str = ""
    cancelled: bool = False


_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed with this token, or None (a reset token, a made-up one: the same)."""
    # Tokens are URL-safe base64; anything else (a NUL byte, say) cannot be one.
    if not token or len(token) > 64 or not _TOKEN.fullmatch(token):
        return None
    return CalendarFeed.objects.select_related("user").filter(token=token).first()


def registration_entries(user, *, language: str, now) -> list[Entry]:
    """The member's confirmed registrations as entries (two queries)."""
    from datetime import timedelta

    from django.utils import translation

    from events import ics
    from events.selectors import _localized_events
    from home import links

    rows = list(
        Registration.objects.filter(
            user=user,
            status=RegistrationStatus.CONFIRMED,
            event__start__isnull=False,
            event__end__isnull=False,
            event__end__gte=now - timedelta(days=HISTORY_DAYS),
        )
        .select_related("event", "event__locale")
        .order_by("event__start")[:LIMIT]
    )
    localized = _localized_events({r.event for r in rows}, language)
    entries = []
    with translation.override(language):
        for registration in rows:
            original = registration.event
            event = localized.get(original.translation_key, original)
            place = registration.get_place_display() if registration.place else ""
            url = links.page_url(event)
            description = "\n\n".join(
                part for part in (event.summary, str(place) if place else "", url) if part
            )
            entries.append(
                Entry(
                    uid=ics.event_uid(original),
                    sequence=original.calendar_sequence,
                    start=original.start,
                    end=original.end,
                    summary=event.title,
                    url=url,
                    description=description,
                    location=ics.location(event),
                    cancelled=original.is_cancelled,
                )
            )
    return entries


def entries(user, *, now) -> list[Entry]:
    from home.notify import language_for

    language = language_for(user)
    found = registration_entries(user, language=language, now=now)
    for fn in hooks.get_hooks("personal_calendar_entries"):
        found += list(fn(user, language=language, now=now))
    return sorted(found, key=lambda entry: entry.start.astimezone(UTC))
