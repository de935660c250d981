"""Who may do what with events and their registrations.

Event staff manage registrations (add by hand, cancel, promote; which also lets them
register anyone for any event and see every event's attendee list and joining link),
check people in at the door, message registrants, and export registrations.

The ``event`` arguments name what is being acted on; the permissions are site-wide today.
"""

from home.permissions import ACCESS_ADMIN, has

MANAGE = "events.change_registration"
VIEW = "events.view_registration"
CHECK_IN = "events.check_in_registration"
MESSAGE = "events.message_registrants"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Event staff": [ACCESS_ADMIN, VIEW, MANAGE, CHECK_IN, MESSAGE],
}


def can_manage_registrations(user, event=None) -> bool:
    """Add people by hand, cancel a registrant, promote from the waiting list."""
    return has(user, MANAGE)


def can_view_registrations(user, event=None) -> bool:
    """List, inspect and export registrations."""
    return has(user, VIEW) or has(user, MANAGE)


def can_check_in(user, event=None) -> bool:
    """Mark registrants present (or not) at the door."""
    return has(user, CHECK_IN)


def can_message_attendees(user, event=None) -> bool:
    """Write to an event's registrants."""
    return has(user, MESSAGE)


def can_reach_event_staff_screens(user) -> bool:
    """The per-event screens of the admin (the list, and what each person may do there)."""
    return can_manage_registrations(user) or can_check_in(user) or can_message_attendees(user)
