"""Every refusal the events services can give, declared once (see ``home.errors``)."""

from django.utils.translation import gettext_lazy as _

from events.models import RegistrationState
from home.errors import ServiceError

#: Why a registration is refused, by code; also what the event page says about its state.
MESSAGES = {
    RegistrationState.NONE: _("This event does not take registrations on this site."),
    RegistrationState.CANCELLED: _("This event is cancelled."),
    RegistrationState.NOT_OPEN: _("Registration has not opened yet."),
    RegistrationState.CLOSED: _("Registration for this event is closed."),
    RegistrationState.PAST: _("This event has already started."),
    "audience": _("This event is open only to the participants it was organised for."),
    "not_waitlisted": _("Only people on the waiting list can be promoted."),
    "inactive": _("This registration is already cancelled."),
    "place_required": _("Choose how you will take part: in person or online."),
    "not_hybrid": _("This event has only one kind of place."),
    "place_full": _(
        "No place of that kind is left, so you keep the place you have. Try again if one frees up."
    ),
}


class RegistrationError(ServiceError):
    """A registration, cancellation or promotion was refused."""

    status = 409
    messages = MESSAGES
