"""Celery tasks for events. Thin and idempotent: they call events.services."""

from celery import shared_task

from events import services


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Celery beat runs this every five minutes; each reminder still goes out once."""
    return services.send_due_reminders()


@shared_task(acks_late=True)
def fill_places(event_id: int) -> int:
    """Promote from the waiting list after an editor raised the capacity."""
    from events.models import EventPage

    event = EventPage.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    return len(services.capacity_changed(event=event))
