"""The network's demo: a year of daily snapshots that show the network growing.

The other apps' demos create their members, connections and memberships today, so a
backfill of them alone would be flat. This step first spreads their dates over the past
year, deterministically (a function of each row's id and its rank, never of the clock's
seconds or of randomness): members joined on a curve that grows faster lately; a
connection is made some days after the later of its two members joined; a group is
created before its first member joins it; a registration is made before its event. Only
dates that are still the other demos' own (later than each row's spread date) are moved
back, so a date an editor or a member changed by hand afterwards is kept.

Then it rebuilds a year of snapshots from those dates: every day of the last 90 days and
every week before (``network.services.take_snapshot``, as ``backfill_network`` does; a
third of the time of 365 days, which every test that seeds the demo pays).
Idempotent: a second run finds every date already spread and the snapshots already
there, and changes nothing.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

DAYS = 365
#: Every day of the last DAILY days, then one a week.
DAILY = 90


def _joined_days_ago(rank: int, count: int) -> int:
    """Members in id order: the first joined a year ago, the last today, more lately."""
    if count <= 1:
        return 0
    share = rank / (count - 1)
    return round((DAYS - 1) * (1 - share) ** 1.6)


def _at(today_start: datetime.datetime, days_ago: int, pk: int) -> datetime.datetime:
    # A time of day that depends on the row only (09:00 to 18:59 UTC).
    return (
        today_start
        - datetime.timedelta(days=days_ago)
        + datetime.timedelta(hours=9 + pk % 10, minutes=(pk * 7) % 60)
    )


def spread_dates(now: datetime.datetime) -> int:
    """Move the demo's dates back over the past year; returns how many rows moved."""
    from community.models import Connection, User
    from events.models import Registration
    from spaces.models import Membership, Space

    start = now.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    moved = 0
    users = list(User.objects.order_by("pk").values_list("pk", "date_joined"))
    joined = {}
    for rank, (pk, current) in enumerate(users):
        when = _at(start, _joined_days_ago(rank, len(users)), pk)
        when = min(when, now)
        joined[pk] = min(when, current)
        if current > when:
            User.objects.filter(pk=pk).update(date_joined=when)
            moved += 1
    for pk, low, high, current in Connection.objects.values_list(
        "pk", "user_low_id", "user_high_id", "created_at"
    ):
        later = max(joined.get(low, now), joined.get(high, now))
        when = min(later + datetime.timedelta(days=1 + pk % 21), now)
        if current > when:
            Connection.objects.filter(pk=pk).update(created_at=when)
            moved += 1
    first_join = {}
    rows = Membership.objects.filter(joined_at__isnull=False).values_list(
        "pk", "space_id", "user_id", "joined_at"
    )
    planned = []
    for pk, space_id, user_id, current in rows:
        when = min(joined.get(user_id, now) + datetime.timedelta(days=pk % 15), now)
        planned.append((pk, current, when))
        first_join[space_id] = min(first_join.get(space_id, when), when)
    for pk, current, when in planned:
        if current > when:
            Membership.objects.filter(pk=pk).update(joined_at=when, created_at=when)
            moved += 1
    for space_id, created in Space.objects.values_list("pk", "created_at"):
        when = first_join.get(space_id)
        if when is not None and created > when - datetime.timedelta(days=1):
            Space.objects.filter(pk=space_id).update(created_at=when - datetime.timedelta(days=1))
            moved += 1
    for pk, user_id, start_at, current in Registration.objects.values_list(
        "pk", "user_id", "event__start", "created_at"
    ):
        if start_at is None:
            continue
        when = min(start_at - datetime.timedelta(days=2 + pk % 20), now)
        when = max(when, joined.get(user_id, when))
        if current > when:
            Registration.objects.filter(pk=pk).update(created_at=when)
            moved += 1
    # A registration confirmed before it was made would read oddly in the admin.
    Registration.objects.filter(confirmed_at__lt=F("created_at")).update(
        confirmed_at=F("created_at")
    )
    return moved


def seed(log) -> None:
    from network import services
    from network.models import Snapshot

    now = timezone.now()
    with transaction.atomic():
        moved = spread_dates(now)
    if moved:
        log(f"Spread {moved} dates of the demo over the past year.")
    if Snapshot.objects.exists():
        log("Network snapshots: already there.")
        return
    today = now.astimezone(datetime.UTC).date()
    offsets = [*range(DAILY), *range(DAILY, DAYS, 7)]
    for offset in sorted(offsets, reverse=True):
        day = today - datetime.timedelta(days=offset)
        services.take_snapshot(day=day, now=now, backfilled=offset > 0)
    log(f"Network snapshots: {len(offsets)} days of the past year rebuilt from the demo's dates.")
