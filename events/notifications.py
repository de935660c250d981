from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind("events.confirmation", _("Your place at an event is confirmed"), essential=True),
    Kind("events.waitlisted", _("You are on an event's waiting list"), essential=True),
    Kind("events.cancelled", _("Your registration is cancelled"), essential=True),
    Kind("events.changed", _("An event you registered for has changed"), essential=True),
    Kind("events.cancelled_event", _("An event you registered for is cancelled"), essential=True),
    Kind("events.switched", _("You changed your place at an event"), essential=True),
    Kind("events.promoted", _("A place opened up for you at an event")),
    Kind("events.reminder", _("Reminders before an event you registered for")),
    Kind("events.message", _("Messages from event organisers")),
    Kind("events.materials", _("Recordings, slides and notes from an event you attended")),
)
