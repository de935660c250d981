"""English dates as the site writes them: "15 February 2027", "15 Feb 2027", 24-hour times.

Only what differs from Django's own ``django/conf/locale/en/formats.py``; the rest
(input formats, separators) falls back to it.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
