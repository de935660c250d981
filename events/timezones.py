"""Time zones: the event's own, and the reader's (a ``tz`` GET parameter or cookie).

Everything is rendered on the server; ``static/js/timezone.js`` only sets the cookie
from the browser's zone, so without JavaScript readers see UTC (and can pick a zone).
"""

import zoneinfo
from datetime import UTC, date, datetime, time
from functools import lru_cache

READER_TZ_COOKIE = "tz"
DEFAULT_READER_TZ = "UTC"

#: A short list for the "show times in" picker; any valid zone is accepted.
COMMON_ZONES = [
    "UTC",
    "Pacific/Honolulu",
    "America/Anchorage",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/Mexico_City",
    "America/New_York",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Atlantic/Azores",
    "Europe/London",
    "Africa/Dakar",
    "Africa/Lagos",
    "Europe/Paris",
    "Europe/Madrid",
    "Africa/Johannesburg",
    "Africa/Cairo",
    "Europe/Kyiv",
    "Africa/Nairobi",
    "Europe/Istanbul",
    "Asia/Riyadh",
    "Asia/Dubai",
    "Asia/Karachi",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Fiji",
    "Pacific/Auckland",
]


@lru_cache(maxsize=1)
def all_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


def zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(all_zones())]


def valid_zone(name: str | None) -> str | None:
    if name and len(name) <= 64 and name in all_zones():
        return name
    return None


def get_zone(name: str | None) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(valid_zone(name) or DEFAULT_READER_TZ)


def reader_zone_name(request) -> str:
    """The reader's zone: ?tz=, else the ``tz`` cookie, else UTC. Invalid values are ignored."""
    if request is None:
        return DEFAULT_READER_TZ
    return (
        valid_zone(request.GET.get("tz"))
        or valid_zone(request.COOKIES.get(READER_TZ_COOKIE))
        or DEFAULT_READER_TZ
    )


def combine(day: date, at: time, zone_name: str) -> datetime:
    """A wall-clock date and time in ``zone_name`` as an aware UTC datetime (DST-correct)."""
    local = datetime.combine(day, at).replace(tzinfo=get_zone(zone_name))
    return local.astimezone(UTC)


def describe_time(moment, event, *, now=None) -> str:
    """When, in the event's zone: the time alone on the same day, else date and time."""
    from django.utils import timezone
    from django.utils.formats import date_format

    now = now or timezone.now()
    zone = get_zone(event.timezone)
    local = timezone.localtime(moment, zone)
    if local.date() == timezone.localtime(now, zone).date():
        return date_format(local, "TIME_FORMAT")
    return date_format(local, "DATETIME_FORMAT")
