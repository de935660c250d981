"""Celery tasks for the outbox. Thin: they take ids and call home.outbox."""

from celery import shared_task

from home import outbox


@shared_task(bind=True, acks_late=True, max_retries=None)
def outbox_deliver(self, email_id: int) -> bool:
    try:
        return outbox.deliver(email_id)
    except outbox.DeliveryError as exc:
        if self.request.is_eager:
            # No broker: don't spin inside a web request; the sweep tries again.
            return False
        countdown = min(30 * 2**self.request.retries, 60 * 60)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(acks_late=True)
def outbox_sweep() -> int:
    return outbox.sweep()


@shared_task(acks_late=True)
def send_digests(period: str) -> int:
    from home.digests import digests_send

    return digests_send(period=period)


@shared_task(acks_late=True)
def pending_uploads_purge() -> int:
    from home.pending_uploads import pending_purge

    return pending_purge()


@shared_task(acks_late=True)
def reminders_send() -> int:
    """Reminders before every deadline (home.reminders), each at most once."""
    from home.reminders import send_due

    return send_due()
