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
from .tickets import CheckIn, CheckInMethod, Ticket

__all__ = [
    "AttendanceMode",
    "EventStatus",
    "Audience",
    "CheckIn",
    "CheckInMethod",
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
    "Ticket",
]
