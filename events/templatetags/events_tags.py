from django import template
from django.utils.formats import date_format

from events.timezones import get_zone
from home.isotime import iso_datetime

register = template.Library()


def _day(moment, short=False) -> str:
    if short:
        return date_format(moment, "SHORT_DATE_FORMAT")
    return f"{date_format(moment, 'l')} {date_format(moment, 'DATE_FORMAT')}"


def _time(moment) -> str:
    return date_format(moment, "TIME_FORMAT")


@register.simple_tag
def time_range(start, end, zone_name, short=False) -> str:
    """'Tuesday 3 March 2026, 09:00–17:00' in ``zone_name`` (server-side, no JS), in the
    active language's formats (config/formats/); ``short=True`` for cards: '3 Mar 2026, ...'."""
    if not start:
        return ""
    zone = get_zone(zone_name)
    s = start.astimezone(zone)
    if not end:
        return f"{_day(s, short)}, {_time(s)}"
    e = end.astimezone(zone)
    if s.date() == e.date():
        return f"{_day(s, short)}, {_time(s)}–{_time(e)}"
    return f"{_day(s, short)}, {_time(s)} – {_day(e, short)}, {_time(e)}"


@register.simple_tag
def zone_abbreviation(moment, zone_name) -> str:
    """'NZDT', 'PST'... or the zone's name when it has no abbreviation ('+13')."""
    if not moment:
        return ""
    name = moment.astimezone(get_zone(zone_name)).tzname() or ""
    if not name or name[0] in "+-":
        return zone_name.replace("_", " ")
    return name


@register.filter
def in_zone_iso(moment, zone_name) -> str:
    return iso_datetime(moment.astimezone(get_zone(zone_name))) if moment else ""


@register.filter
def profile_url(profile):
    """The community app's profile address, once it has one."""
    getter = getattr(profile, "get_absolute_url", None)
    try:
        return getter() if getter else ""
    except Exception:  # noqa: BLE001 — no URL configured yet
        return ""


@register.simple_tag
def speaker_profile(speaker, linked_ids):
    """The speaker's member profile when the reader may see it, else None."""
    if speaker is None or not speaker.user_id or speaker.user_id not in linked_ids:
        return None
    if isinstance(linked_ids, dict):  # events.selectors.speaker_links: loaded already
        return linked_ids[speaker.user_id]
    return getattr(speaker.user, "profile", None)


@register.inclusion_tag("events/includes/profile_attendance.html", takes_context=True)
def profile_attendance(context, profile):
    """For the community app's profile page: events this member attended, shown only
    within their privacy settings: ``{% load events_tags %}{% profile_attendance profile %}``."""
    from events.selectors import attended_events

    request = context.get("request")
    viewer = getattr(request, "user", None)
    return {"events": list(attended_events(profile=profile, viewer=viewer)[:20])}


@register.simple_tag
def events_index_url() -> str:
    """The events listing in the reader's language (empty if there is none)."""
    from wagtail.models import Locale

    from events.models import EventIndexPage

    index = (
        EventIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        or EventIndexPage.objects.live().first()
    )
    return index.url if index else ""
