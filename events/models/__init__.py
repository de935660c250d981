from .calendar import CalendarFeed
from .pages import (
    AttendanceMode,
    Audience,
    EventIndexPage,
    EventPage,
    EventStatus,
    EventType,
    Place,
    RegistrationQuestion,
    RegistrationState,
)
from .registrations import EventMessage, Registration, RegistrationStatus
from .speakers import Speaker

__all__ = [
    "AttendanceMode",
    "EventStatus",
    "Audience",
    "EventIndexPage",
    "EventMessage",
    "EventPage",
    "EventType",
    "Place",
    "CalendarFeed",
    "Registration",
    "RegistrationQuestion",
    "RegistrationState",
    "RegistrationStatus",
    "Speaker",
]
