"""A member's own space (``/<lang>/me/``): each app adds its section from its own code.

The kernel knows no app. An app registers a section in its ``apps.py`` ``ready()``::

    me.register(
        me.Section(
            key="events",
            title=_("My events"),
            template="events/includes/me_section.html",
            items=selectors.me_events,  # (user) -> dict, a bounded number of queries
            link="events:my_events",
            link_label=_("All my events"),
            order=10,
        )
    )

``items(user)`` returns the context its template reads (the template also receives
``section``). It must read a bounded number of queries whatever the member has: the
space page asserts it. Each template says what is missing and what to do next when there
is nothing to show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from home.request_memo import memo


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str
    items: Callable[..., dict]
    link: str = ""
    link_label: str = ""
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.link) if self.link else ""


_SECTIONS: dict[str, Section] = {}


def register(section: Section) -> None:
    _SECTIONS[section.key] = section


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def for_member(user) -> list[dict]:
    """Every section with what it shows to ``user``, in order."""
    return [{"section": section, **section.items(user)} for section in sections()]


def for_request(request) -> list[dict]:
    """``for_member`` for the signed-in member, with the header's counts read first (one
    query the header needs anyway), so a section can show a count without a query of its
    own (``header_count``)."""
    from home import badges

    counts = badges.for_request(request)
    memo(("me_header_counts", request.user.pk), lambda: counts)
    return for_member(request.user)


def header_count(user, name: str) -> int | None:
    """The header's count ``name`` (``home.badges``) when this request read it before the
    sections (``for_request``), else None: the caller counts for itself."""
    counts = memo(("me_header_counts", user.pk), lambda: None)
    return None if counts is None else counts.get(name)


# ---------------------------------------------------------------------------
# The kernel's own section: the notification centre
# ---------------------------------------------------------------------------
LATEST = 5


def unread_notifications(user) -> dict:
    """The latest unread notifications and how many are unread (at most two queries, none
    when the header counted none)."""
    from home.models import Notification

    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if header_count(user, "notifications") == 0:  # the header read it: none unread
        return {"notifications": [], "unread_count": 0}
    latest = list(unread.order_by("-created_at", "-pk")[:LATEST])
    count = len(latest) if len(latest) < LATEST else header_count(user, "notifications")
    if count is None:
        count = unread.count()
    return {"notifications": latest, "unread_count": count}
