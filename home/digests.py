"""Digest emails: a member's notifications of one period gathered into one email.

``digests_send(period=...)`` runs from Celery beat (daily, and weekly on Mondays). For each
member with notifications waiting for that period's digest, it writes one email in the
member's language, plain text, listing them oldest first, and marks them sent. The
dedupe key ``digest:<period>:<member>:<date or week>`` makes at most one digest per member
per period, even when the job runs twice or two schedulers race: the second finds the key
taken and leaves any newer notification for the next digest, so nothing is lost.
"""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from home.models import DIGESTS, Delivery, Notification
from home.notify import notify

#: The most notifications listed in one digest; the email links to the rest.
MAX_ITEMS = 50


def period_key(period: str, now: datetime) -> str:
    day = now.astimezone(UTC).date() if timezone.is_aware(now) else now.date()
    if period == Delivery.DAILY:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def digests_send(*, period: str, now: datetime | None = None) -> int:
    """Send the ``period`` digest to every member who has something new. Returns how many."""
    if period not in DIGESTS:
        raise ValueError(f"Unknown digest period {period!r}")
    now = now or timezone.now()
    key = period_key(period, now)
    member_ids = list(
        Notification.objects.filter(digest=period, digested_at__isnull=True)
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for member_id in member_ids:
        sent += digest_send_one(member_id=member_id, period=period, key=key, now=now)
    return sent


def digest_send_one(*, member_id: int, period: str, key: str, now: datetime) -> int:
    User = get_user_model()
    with transaction.atomic():
        member = User.objects.select_for_update().filter(pk=member_id, is_active=True).first()
        if member is None:
            return 0
        waiting = Notification.objects.filter(
            recipient=member, digest=period, digested_at__isnull=True, created_at__lte=now
        ).order_by("created_at", "pk")
        items = list(waiting[:MAX_ITEMS])
        if not items:
            return 0
        total = waiting.count()
        email = notify(
            member,
            "home.digest",
            context={
                "period": period,
                "items": items,
                "total": total,
                "more": total - len(items),
            },
            link=("notifications:list",),
            dedupe_key=f"digest:{period}:{member.pk}:{key}",
        )
        if email is None:
            return 0  # already sent this period: keep them for the next one
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(digested_at=now)
    return 1
