"""Celery tasks for events. Thin and idempotent: they call events.services."""

from celery import shared_task

from events import services


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Celery beat runs this every five minutes; each reminder still goes out once."""
    return services.send_due_reminders()
