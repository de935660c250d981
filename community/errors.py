"""Every refusal the community services can give, declared once (see ``home.errors``).

Tests and logs match on ``code``; views let the kernel show ``error.message``.
"""

from django.utils.translation import gettext_lazy as _

from home.errors import ServiceError


class CommunityError(ServiceError):
    """A connection, request or block was refused."""

    status = 409
    messages = {
        "self": _("You cannot connect with yourself."),
        # A blocked member is not told: the blocker simply "does not exist" for them.
        "not_found": _("This member could not be found."),
        "already_connected": _("You are already connected."),
        "already_pending": _("A request between you is already waiting for an answer."),
        "daily_limit": _(
            "You have sent %(limit)s connection requests in the last 24 hours, the most we "
            "allow. Please try again tomorrow."
        ),
        "too_soon": _("You asked this member recently. Please wait before asking again."),
        "request_gone": _("This request is no longer waiting for an answer."),
    }
