from django.utils.translation import gettext_lazy as _

from home.errors import ServiceError


class SnapshotError(ServiceError):
    """A snapshot cannot be taken for the day asked."""

    messages = {
        "future": _("A snapshot cannot be taken for a day that has not begun."),
        "days": _("Give a number of days from 1 to 3650."),
    }
