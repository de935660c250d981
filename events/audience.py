"""Who may register for an event.

Public and members-only events are open to any signed-in member. For events limited
to specific cohorts or alumni groups, other apps answer through a Wagtail hook (the
cohorts app registers one); with no hook answering yes, only event staff may register::

    @hooks.register("events_audience_allows")
    def cohort_members(event, user) -> bool:
        return user_in_groups(user, audience_codes(event))

Codes are a cohort's slug, ``alumni`` (the cohorts app) or ``group:<slug>`` (a group's
active members, the spaces app). The event page says who an event is for through
``audience_labels``: each app words its own codes for the viewer through the
``events_audience_labels`` hook (``fn(codes, viewer) -> {code: label}``), so a secret
group is named only to those who may know it exists; codes no app words are not shown.
"""

from wagtail import hooks

from events.models import Audience
from events.permissions import can_manage_registrations


def audience_codes(event) -> list[str]:
    """The codes of an event for "specific cohorts or alumni", lower-cased, in order."""
    seen = []
    for code in (event.audience_groups or "").split(","):
        code = code.strip().lower()
        if code and code not in seen:
            seen.append(code)
    return seen


def audience_labels(event, viewer) -> list[str]:
    """Who the event is for, in words ``viewer`` may read (each label once)."""
    if event.audience != Audience.COHORTS:
        return []
    codes = audience_codes(event)
    if not codes:
        return []
    words = {}
    for fn in hooks.get_hooks("events_audience_labels"):
        words.update(fn(codes, viewer) or {})
    labels = []
    for code in codes:
        label = words.get(code)
        if label and str(label) not in labels:
            labels.append(str(label))
    return labels


def may_register(event, user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if event.audience in {Audience.PUBLIC, Audience.MEMBERS}:
        return True
    if can_manage_registrations(user, event):
        return True
    return any(bool(fn(event, user)) for fn in hooks.get_hooks("events_audience_allows"))


def may_see_details(event, user) -> bool:
    """Members-only and cohort events show venue, agenda and speakers to signed-in members."""
    if event.audience == Audience.PUBLIC:
        return True
    return user is not None and user.is_authenticated
