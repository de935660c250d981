"""Spanish dates: "2 de diciembre de 2026", short "2 dic. 2026", times "14:30".

The short month comes from ``N`` (Django's "abbrev. month" strings), which our own
catalogue translates with the Latin American abbreviations (ene., feb., ...): see
``config/formats/months.py``. Everything not set here falls back to Django's ``es``.
"""

DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j N Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
TIME_FORMAT = "H:i"
