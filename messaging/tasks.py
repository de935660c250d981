"""Celery tasks for messaging. Thin and idempotent: they call messaging.services."""

from celery import shared_task

from messaging import services


@shared_task(acks_late=True)
def exchanges_ask_feedback() -> int:
    """Celery beat runs this every hour; each exchange is asked about once."""
    return services.exchanges_ask_feedback()
