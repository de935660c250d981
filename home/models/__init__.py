from .notifications import (
    DIGESTS,
    Delivery,
    EmailSuppression,
    Notification,
    NotificationPreference,
)
from .outbox import OutboxEmail
from .pages import HomePage, StandardPage
from .snippets import SiteSettings, Theme

__all__ = [
    "DIGESTS",
    "Delivery",
    "EmailSuppression",
    "HomePage",
    "Notification",
    "NotificationPreference",
    "OutboxEmail",
    "SiteSettings",
    "StandardPage",
    "Theme",
]
