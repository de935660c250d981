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


#: Why a ticket is not let in at the door, by code.
CHECK_IN_MESSAGES = {
    "empty": _("Scan a ticket, or type its code."),
    "garbage": _(
        "“%(text)s” is not a ticket code. Codes have 8 letters and digits, like ABCD-2345."
    ),
    "unknown": _(
        "No ticket has the code “%(text)s”. Check it with the person, or find them by name."
    ),
    "not_registrant": _("This person is not registered for this event."),
    "other_event": _("This ticket is for another event: %(title)s."),
    "cancelled": _("Not valid: %(name)s cancelled this registration."),
    "waitlisted": _("Not valid: %(name)s is on the waiting list, without a place."),
    "already": _("Already checked in at %(time)s by %(by)s."),
    "already_anonymous": _("Already checked in at %(time)s."),
    "not_checked_in": _("%(name)s is not checked in."),
    "bad_batch": _("The list of check-ins sent could not be read."),
}


class CheckInError(ServiceError):
    """A ticket was refused at the door (or a check-in could not be undone)."""

    status = 409
    messages = CHECK_IN_MESSAGES

    def __init__(self, code, message=None, *, params=None, status=None, check_in=None):
        super().__init__(code, message, params=params, status=status)
        #: The check-in that already let this ticket in (code "already").
        self.check_in = check_in
