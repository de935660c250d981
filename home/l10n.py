"""Locale helpers the apps share: readable time-zone labels.

Dates, times and numbers themselves go through Django's locale formats
(``config/formats/``, the ``date`` filter with DATE_FORMAT and friends, ``intcomma``);
this module only names time zones the way people say them: "Nairobi time (UTC+3)"
rather than "Africa/Nairobi".
"""

import zoneinfo
from datetime import UTC, datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

VOWELS = set("AEIOUYÉÈÊÎÔÂ")
UTC_NAMES = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Universal", "Zulu"}

#: Cities of the common zones (events/timezones.py) whose names French or Spanish
#: readers write differently; any other zone shows the city as the database names it.
CITY_NAMES = {
    "America/Los_Angeles": pgettext_lazy("time zone city", "Los Angeles"),
    "America/Mexico_City": pgettext_lazy("time zone city", "Mexico City"),
    "America/New_York": pgettext_lazy("time zone city", "New York"),
    "America/Bogota": pgettext_lazy("time zone city", "Bogota"),
    "America/Sao_Paulo": pgettext_lazy("time zone city", "São Paulo"),
    "Atlantic/Azores": pgettext_lazy("time zone city", "Azores"),
    "Europe/London": pgettext_lazy("time zone city", "London"),
    "Europe/Paris": pgettext_lazy("time zone city", "Paris"),
    "Africa/Johannesburg": pgettext_lazy("time zone city", "Johannesburg"),
    "Africa/Cairo": pgettext_lazy("time zone city", "Cairo"),
    "Europe/Istanbul": pgettext_lazy("time zone city", "Istanbul"),
    "Asia/Riyadh": pgettext_lazy("time zone city", "Riyadh"),
    "Asia/Dubai": pgettext_lazy("time zone city", "Dubai"),
    "Asia/Kolkata": pgettext_lazy("time zone city", "Kolkata"),
    "Asia/Dhaka": pgettext_lazy("time zone city", "Dhaka"),
    "Asia/Jakarta": pgettext_lazy("time zone city", "Jakarta"),
    "Asia/Manila": pgettext_lazy("time zone city", "Manila"),
    "Asia/Singapore": pgettext_lazy("time zone city", "Singapore"),
    "Asia/Seoul": pgettext_lazy("time zone city", "Seoul"),
    "Asia/Tokyo": pgettext_lazy("time zone city", "Tokyo"),
    "Australia/Sydney": pgettext_lazy("time zone city", "Sydney"),
    "Pacific/Fiji": pgettext_lazy("time zone city", "Fiji"),
}


def utc_offset(moment: datetime) -> str:
    """'UTC+3', 'UTC+5:30', 'UTC−5' (true minus sign), 'UTC' for zero."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def zone_city(zone_name: str) -> str:
    """The place a zone is named after: 'Africa/Nairobi' -> 'Nairobi',
    'America/Argentina/Buenos_Aires' -> 'Buenos Aires', in the reader's language."""
    if zone_name in CITY_NAMES:
        return str(CITY_NAMES[zone_name])
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


def zone_label(zone_name: str, moment: datetime | None = None) -> str:
    """'Nairobi time (UTC+3)' in the active language, with the offset in force at
    ``moment`` (now by default), so daylight saving time reads right."""
    if not zone_name or zone_name in UTC_NAMES:
        return _("Coordinated Universal Time (UTC)")
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zone_name
    moment = (moment or datetime.now(UTC)).astimezone(zone)
    city = zone_city(zone_name)
    values = {"city": city, "offset": utc_offset(moment)}
    if city[:1].upper() in VOWELS:
        # French elides before a vowel (« heure d’Auckland »): its own entry.
        return pgettext("city starting with a vowel", "%(city)s time (%(offset)s)") % values
    return _("%(city)s time (%(offset)s)") % values
