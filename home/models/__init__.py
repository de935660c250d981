from .notifications import (
    DIGESTS,
    Delivery,
    EmailSuppression,
    Notification,
    NotificationPreference,
)
from .outbox import OutboxEmail
from .pages import HomePage, StandardPage
from .reminders import ReminderSchedule, SentReminder
from .snippets import SiteSettings, Theme

__all__ = [
    "DIGESTS",
    "Delivery",
    "EmailSuppression",
    "HomePage",
    "Notification",
    "NotificationPreference",
    "OutboxEmail",
    "ReminderSchedule",
    "SentReminder",
    "SiteSettings",
    "StandardPage",
    "Theme",
]
