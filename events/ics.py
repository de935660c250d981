"""iCalendar files: one event (download, email attachment) or a feed of many."""

from datetime import UTC, datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from icalendar import Calendar, Event, vText

from home import links

PRODID = "-//OpenGov Collective//Events//EN"


def _calendar(name: str = "", *, method: str = "PUBLISH") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def event_uid(event) -> str:
    """The same in every language and after every change (the original's key)."""
    return f"event-{event.translation_key}@{links.domain()}"


def location(event) -> str:
    return _location(event)


def _location(event) -> str:
    parts = [event.venue_name, event.city, event.country.name if event.country else ""]
    return ", ".join(part for part in parts if part)


def _vevent(
    event,
    *,
    url: str = "",
    joining_link: str = "",
    stamp: datetime | None = None,
    place: str = "",
) -> Event:
    item = Event()
    # One UID in every language and after every change; SEQUENCE rises with each change
    # registrants are told of, so that a calendar replaces the entry it holds.
    item.add("uid", event_uid(event))
    item.add("sequence", event.calendar_sequence)
    item.add("dtstamp", stamp or timezone.now().astimezone(UTC))
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    item.add("dtstart", event.start.astimezone(UTC))
    item.add("dtend", event.end.astimezone(UTC))
    item.add("summary", event.title)
    description = strip_tags(event.summary or "")
    if place:
        description = f"{description}\n\n{place}".strip()
    if joining_link:
        description = f"{description}\n\n{joining_link}".strip()
    if url:
        description = f"{description}\n\n{url}".strip()
        item.add("url", url)
    if description:
        item.add("description", description)
    location = _location(event)
    if joining_link and not location:
        location = joining_link
    if location:
        item["location"] = vText(location)
    return item


def event_calendar(event, *, url: str = "", joining_link: str = "", place: str = "") -> bytes:
    """One event. ``joining_link`` only for people with a confirmed place; ``place``:
    which place they hold at a hybrid event ("Your place: online"). A cancelled event's
    file is a cancellation (``METHOD:CANCEL``): opened, it removes the entry."""
    cal = _calendar(method="CANCEL" if event.is_cancelled else "PUBLISH")
    cal.add_component(_vevent(event, url=url, joining_link=joining_link, place=place))
    return cal.to_ical()


def feed_calendar(events, *, name: str, url_for) -> bytes:
    cal = _calendar(name)
    stamp = timezone.now().astimezone(UTC)
    for event in events:
        if event.start and event.end:
            cal.add_component(_vevent(event, url=url_for(event), stamp=stamp))
    return cal.to_ical()


def personal_calendar(entries, *, name: str) -> bytes:
    """A member's own feed (``events.calendar_feed``): each entry in UTC, with its UID,
    SEQUENCE and STATUS (a cancelled event stays, as ``CANCELLED``). No joining links:
    the address may end up in places a session never would."""
    cal = _calendar(name)
    stamp = timezone.now().astimezone(UTC)
    for entry in entries:
        item = Event()
        item.add("uid", entry.uid)
        item.add("sequence", entry.sequence)
        item.add("dtstamp", stamp)
        item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        item.add("dtstart", entry.start.astimezone(UTC))
        item.add("dtend", entry.end.astimezone(UTC))
        item.add("summary", entry.summary)
        if entry.url:
            item.add("url", entry.url)
        if entry.description:
            item.add("description", strip_tags(entry.description))
        if entry.location:
            item["location"] = vText(entry.location)
        cal.add_component(item)
    return cal.to_ical()
