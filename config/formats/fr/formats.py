"""French dates: « 15 février 2027 », short « 15 févr. 2027 », times « 14:30 ».

The short month comes from ``N`` (Django's "abbrev. month" strings), which our own
catalogue translates with the usual French abbreviations (janv., févr., ...): see
``config/formats/months.py``. Everything not set here falls back to Django's ``fr``.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j N Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
TIME_FORMAT = "H:i"
