"""Who may register for an event.

Public and members-only events are open to any signed-in member. For events limited
to specific cohorts or alumni groups, other apps answer through a Wagtail hook (the
cohorts app registers one); with no hook answering yes, only event staff may register::

    @hooks.register("events_audience_allows")
    def cohort_members(event, user) -> bool:
        return user_in_groups(user, event.audience_group_codes)
"""

from wagtail import hooks

from events.models import Audience
from events.permissions import can_manage_registrations


def may_register(event, user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if can_manage_registrations(user, event):
        return True
    if event.audience in {Audience.PUBLIC, Audience.MEMBERS}:
        return True
    return any(bool(fn(event, user)) for fn in hooks.get_hooks("events_audience_allows"))


def may_see_details(event, user) -> bool:
    """Members-only and cohort events show venue, agenda and speakers to signed-in members."""
    if event.audience == Audience.PUBLIC:
        return True
    return user is not None and user.is_authenticated
