"""Writes of the network app: the daily snapshot."""

import datetime

from django.db import transaction
from django.utils import timezone

from network import figures as network_figures
from network.errors import SnapshotError
from network.models import Snapshot


def take_snapshot(
    *, day: datetime.date, now: datetime.datetime | None = None, backfilled: bool = False
) -> Snapshot:
    """Store the figures of ``day`` (``network.figures.compute``): one row a day.

    Idempotent: a second run on the same day updates the row in place (an upsert on the
    ``day`` unique constraint, so two workers at once still leave one row). A snapshot of
    today holds the figures as they stand at ``now``; the next run replaces them.
    """
    now = now or timezone.now()
    if day > now.astimezone(datetime.UTC).date():
        raise SnapshotError("future")
    figures = network_figures.compute(day, now=now)
    with transaction.atomic():
        Snapshot.objects.bulk_create(
            [Snapshot(day=day, figures=figures, taken_at=now, backfilled=backfilled)],
            update_conflicts=True,
            unique_fields=["day"],
            update_fields=["figures", "taken_at", "backfilled"],
        )
        snapshot = Snapshot.objects.get(day=day)
        # The public block shows the latest snapshot: cached pages must not keep the old one.
        from home import page_cache

        page_cache.bump()
    return snapshot


def backfill(
    *, days: int, now: datetime.datetime | None = None, replace_live: bool = False, log=None
) -> int:
    """Rebuild the snapshots of the last ``days`` days (today included) from the dates the
    data keeps (see ``network.figures`` for what history can tell). Days that already have
    a snapshot taken on the day are kept unless ``replace_live``. Returns how many rows
    were written."""
    if not 1 <= days <= 3650:
        raise SnapshotError("days")
    now = now or timezone.now()
    today = now.astimezone(datetime.UTC).date()
    keep = set()
    if not replace_live:
        keep = set(
            Snapshot.objects.filter(
                backfilled=False, day__gt=today - datetime.timedelta(days=days)
            ).values_list("day", flat=True)
        )
    written = 0
    for offset in range(days - 1, -1, -1):
        day = today - datetime.timedelta(days=offset)
        if day in keep:
            continue
        take_snapshot(day=day, now=now, backfilled=day != today)
        written += 1
        if log and written % 30 == 0:
            log(f"{day.isoformat()}: {written} snapshots")
    return written
