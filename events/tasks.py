"""Celery tasks for events. Thin and idempotent: they call events.services."""

from celery import shared_task

from events import services


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Celery beat runs this every five minutes; each reminder still goes out once."""
    return services.send_due_reminders()


@shared_task(acks_late=True)
def tell_registrants_of_change(event_id: int, sequence: int, before: dict, after: dict) -> int:
    """Everyone registered or waiting hears of a change once (dedupe keys)."""
    return services.tell_registrants(
        event_id=event_id, sequence=sequence, before=before, after=after
    )


@shared_task(acks_late=True)
def tell_attendees_of_materials(event_id: int, materials: list[str]) -> int:
    """Everyone with a place hears of new materials once (dedupe keys)."""
    return services.tell_attendees(event_id=event_id, materials=materials)
