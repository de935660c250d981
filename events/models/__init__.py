from .pages import (
    AttendanceMode,
    Audience,
    EventIndexPage,
    EventPage,
    EventStatus,
    EventType,
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
    "Registration",
    "RegistrationQuestion",
    "RegistrationState",
    "RegistrationStatus",
    "Speaker",
]
