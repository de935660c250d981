"""Celery tasks for spaces. Thin and idempotent: they take ids and call spaces.services."""

from celery import shared_task


@shared_task(acks_late=True)
def announcement_notify(thread_id: int) -> int:
    """Tell every member of the group about an announcement (each member once)."""
    from spaces.services.discussions import announcement_send

    return announcement_send(thread_id=thread_id)
