"""Who sees an event's joining link, and when (the event's and each session's own).

One rule, used by the event page, the emails, the .ics download and the agenda: the
link goes to people with a *confirmed* place (at a hybrid event, in person or online
alike), never to visitors, people waiting or cancelled registrations, and only from
``EventPage.joining_link_lead`` minutes before the start (empty: at once). Staff who
manage registrations always see it. Pages showing it are never in the anonymous page
cache (``home.page_cache`` keeps anonymous HTML only, and visitors never get the link).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from events.models import RegistrationStatus


@dataclass(frozen=True)
class JoiningLink:
    """``url`` when it may be shown now; else ``opens_at`` (and ``minutes``) when it will."""

    url: str = ""
    opens_at: datetime | None = None
    minutes: int | None = None

    @property
    def pending(self) -> bool:
        return not self.url and self.opens_at is not None


def entitled(event, registration) -> bool:
    """A confirmed place at an event that takes place."""
    return (
        registration is not None
        and registration.status == RegistrationStatus.CONFIRMED
        and not event.is_cancelled
    )


def joining_link(
    event, registration, *, url: str | None = None, starts=None, now=None, staff=False
) -> JoiningLink | None:
    """What ``registration``'s holder may see of ``url`` (default: the event's link),
    for something starting at ``starts`` (default: the event's start). None: nothing."""
    url = event.online_url if url is None else url
    if not url:
        return None
    if staff:
        return JoiningLink(url=url)
    if not entitled(event, registration):
        return None
    starts = starts or event.start
    lead = event.joining_link_lead
    now = now or timezone.now()
    if lead is None or starts is None:
        return JoiningLink(url=url)
    opens_at = starts - timedelta(minutes=lead)
    if now >= opens_at:
        return JoiningLink(url=url)
    return JoiningLink(opens_at=opens_at, minutes=lead)


def session_start(event, session) -> datetime | None:
    """A session's start in UTC (its day, else the event's first, at its time)."""
    from events.timezones import combine

    starts_at = session.get("starts_at")
    if starts_at is None:
        return event.start
    return combine(session.get("day") or event.start_date, starts_at, event.timezone)


def agenda(event, registration, *, now=None, staff=False) -> list[tuple]:
    """The agenda's blocks, each with what the reader may see of the session's own link."""
    rows = []
    for block in event.agenda or []:
        link = None
        if block.block_type == "session" and block.value.get("online_url"):
            link = joining_link(
                event,
                registration,
                url=block.value["online_url"],
                starts=session_start(event, block.value),
                now=now,
                staff=staff,
            )
        rows.append((block, link))
    return rows
