"""Circles: the cohorts, groups and other spaces two members share.

Several rules ask "do these two people share a circle?": who may start a conversation
(a member may allow "people in my cohorts and groups"), conflicts of interest, and
suggestions. Each app that has such spaces registers, from its ``apps.ready()``, a
function returning the ids of the members who share one with a member::

    circles.register("cohorts", lambda user: Participant.objects.filter(...).values("user"))

The kernel combines them; it knows no app.
"""

from collections.abc import Callable

from django.db.models import QuerySet

_CIRCLES: dict[str, Callable[..., QuerySet]] = {}


def register(key: str, members_sharing: Callable[..., QuerySet]) -> None:
    """``members_sharing(user)`` returns a ``values("user")``-style queryset of user ids."""
    _CIRCLES[key] = members_sharing


def sharing_with(user, among=None) -> set[int]:
    """Ids of the members who share at least one circle with ``user`` (one query, the
    registered circles' querysets joined by UNION), optionally only among the ids ``among``."""
    if user is None or not getattr(user, "pk", None) or not _CIRCLES:
        return set()
    querysets = []
    for members_sharing in _CIRCLES.values():
        queryset = members_sharing(user)
        if among is not None:
            queryset = queryset.filter(user__in=list(among))
        querysets.append(queryset.order_by().values_list("user", flat=True))
    first, *others = querysets
    ids = set(first.union(*others) if others else first)
    ids.discard(user.pk)
    return ids


def share_a_circle(a, b) -> bool:
    return bool(b is not None and getattr(b, "pk", None) and b.pk in sharing_with(a, [b.pk]))
