"""Counts in the header (unread notifications, new connection requests, ...), in one query.

Each app registers a counter from its own code (``<app>/apps.py`` ``ready()``)::

    badges.register("requests", lambda user: ConnectionRequest.objects.filter(...))

and the header reads every count with one SQL query per request, whatever the number of
counters: each queryset becomes a ``COUNT(*)`` subquery of a single ``SELECT``.
"""

from collections.abc import Callable

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

_COUNTERS: dict[str, Callable] = {}


def register(name: str, queryset_for: Callable[..., QuerySet]) -> None:
    """``queryset_for(user)`` returns the rows to count for a signed-in member."""
    _COUNTERS[name] = queryset_for


def _count(queryset: QuerySet) -> Subquery:
    counted = (
        queryset.order_by()
        .annotate(_group=Value(1, output_field=IntegerField()))
        .values("_group")
        .annotate(_n=Count("*"))
        .values("_n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def counts(user) -> dict[str, int]:
    """Every registered count for ``user`` (zeros for a visitor), in one query."""
    if user is None or not user.is_authenticated or not _COUNTERS:
        return dict.fromkeys(_COUNTERS, 0)
    from django.contrib.auth import get_user_model

    annotations = {f"badge_{name}": _count(fn(user)) for name, fn in _COUNTERS.items()}
    values = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(**annotations)
        .values_list(*annotations)
        .first()
    ) or (0,) * len(_COUNTERS)
    return dict(zip(_COUNTERS, values, strict=True))


def for_request(request) -> dict[str, int]:
    """``counts()`` once per request."""
    cached = getattr(request, "_header_counts", None)
    if cached is None:
        cached = counts(getattr(request, "user", None))
        request._header_counts = cached
    return cached
