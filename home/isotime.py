"""Machine-readable moments for ``<time datetime="...">``.

HTML allows at most three digits of a second's fraction, and Python's ``isoformat()`` gives
six whenever a moment has microseconds (every ``timezone.now()`` does). Templates use the
``iso_datetime`` filter (home_tags) instead of ``|date:'c'`` or ``.isoformat``.
"""

from datetime import date, datetime


def iso_datetime(value: date | datetime | None) -> str:
    """``2027-01-02T06:41:58+00:00`` (whole seconds) for a datetime, ``2027-01-02`` for a
    date, ``""`` for nothing."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.replace(microsecond=0)
    return value.isoformat()
