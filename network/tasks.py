"""Celery tasks for the network app. Thin and idempotent: they call network.services."""

import datetime

from django.utils import timezone

from celery import shared_task

from network import services


@shared_task(acks_late=True)
def take_daily_snapshot() -> str:
    """Beat runs this just after midnight UTC: yesterday's complete figures, then today's
    so far (both upserts: running it again changes nothing but the figures)."""
    now = timezone.now()
    today = now.astimezone(datetime.UTC).date()
    services.take_snapshot(day=today - datetime.timedelta(days=1), now=now)
    return services.take_snapshot(day=today, now=now).day.isoformat()
