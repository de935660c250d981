from .pages import (
    AttendanceMode,
    Audience,
    EventIndexPage,
    EventPage,
    EventType,
    RegistrationQuestion,
    RegistrationState,
)
from .registrations import EventMessage, Registration, RegistrationStatus
from .speakers import Speaker

__all__ = [
    "AttendanceMode",
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
