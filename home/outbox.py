"""The outbox: every email the platform sends goes through here.

Lifecycle of a row:

1. ``home.notify.notify()`` renders the message in the recipient's language and
   ``enqueue()`` inserts the row inside the caller's transaction, then asks Celery to
   send it *after* commit. ``home.notify.notify_at_delivery()`` writes the row with an
   ``intent`` instead (a renderer's name and arguments, in the same transaction as its
   cause), and ``deliver()`` renders it first: hot paths keep rendering out of their
   transaction, and the intent is never lost.
2. ``deliver()`` (run by the ``home.tasks.outbox_deliver`` task) locks the row,
   sends it and marks it sent in one transaction, so a second delivery attempt of
   the same row finds it sent and does nothing: exactly once per row.
3. If the broker was unreachable at commit time, the row stays pending with no
   ``queued_at``; ``sweep()`` (Celery beat, every minute) hands such rows over again,
   and also rows queued long ago that never went out.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from home import links
from home.models import OutboxEmail

logger = logging.getLogger(__name__)


def enqueue(
    *,
    to: str,
    subject: str,
    body_text: str,
    language: str = settings.LANGUAGE_CODE,
    attachments: list[dict] | None = None,
    reason: str = "",
    dedupe_key: str | None = None,
    headers: dict | None = None,
    intent: dict | None = None,
    new_key: bool = False,
) -> OutboxEmail | None:
    """Write a rendered email to the outbox; it is sent after the current transaction commits.

    Only ``home.notify`` calls this: apps tell people through ``notify()``.
    ``attachments`` is a list of ``{"filename", "content" (bytes or str), "mimetype"}``.
    With a ``dedupe_key`` the email is written at most once: a second call with the
    same key returns None. ``new_key``: the caller knows no row has this key yet (it
    names a row the caller just created), so no savepoint guards the insert.
    """
    fields = {
        "to": to,
        "subject": subject[:255],
        "body_text": body_text,
        "language": language,
        "attachments": stored_attachments(attachments),
        "reason": reason,
        "dedupe_key": dedupe_key,
        "headers": headers or {},
        "intent": intent or {},
    }
    if new_key:
        email = OutboxEmail.objects.create(**fields)
        transaction.on_commit(lambda: hand_over(email.pk))
        return email
    try:
        with transaction.atomic():
            email = OutboxEmail.objects.create(**fields)
    except IntegrityError:
        if dedupe_key and OutboxEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    transaction.on_commit(lambda: hand_over(email.pk))
    return email


def stored_attachments(attachments: list[dict] | None) -> list[dict]:
    """Attachments as the row keeps them (base64 content)."""
    stored = []
    for item in attachments or []:
        content = item["content"]
        if isinstance(content, str):
            content = content.encode()
        stored.append(
            {
                "filename": item["filename"],
                "mimetype": item.get("mimetype", "application/octet-stream"),
                "content": base64.b64encode(content).decode("ascii"),
            }
        )
    return stored


def hand_over(email_id: int) -> bool:
    """Give one email to the task queue. Never raises: a broker failure leaves it pending."""
    from home.tasks import outbox_deliver

    try:
        outbox_deliver.delay(email_id)
    except Exception as exc:  # noqa: BLE001 — any broker error: the sweep retries
        logger.warning("Outbox: broker unavailable for email %s (%s)", email_id, exc)
        return False
    # Eager mode may already have sent it; only pending rows are marked queued.
    OutboxEmail.objects.filter(pk=email_id, status=OutboxEmail.Status.PENDING).update(
        queued_at=timezone.now()
    )
    return True


def build_message(email: OutboxEmail) -> EmailMessage:
    """The message for one row: plain text, from the site's sender, marked automatic
    (RFC 3834), with a Message-ID on the site's own domain."""
    message = EmailMessage(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers={
            "Message-ID": make_msgid(idstring=f"outbox-{email.pk}", domain=links.domain()),
            "Auto-Submitted": "auto-generated",
            "Content-Language": email.language,
            "X-Outbox-Id": str(email.pk),
            **(email.headers or {}),
        },
    )
    for item in email.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


class DeliveryError(Exception):
    """Sending failed; the task retries with backoff."""


def deliver(email_id: int) -> bool:
    """Send one pending email exactly once. Returns True if this call sent it.

    The row is locked for the duration of the send, so two workers delivering the
    same row cannot both send it; a row already sent is left alone. A failed send
    records the attempt, then raises DeliveryError so the task retries with backoff.
    """
    error = None
    with transaction.atomic():
        email = (
            OutboxEmail.objects.select_for_update()
            .filter(pk=email_id, status=OutboxEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return False
        if email.intent and not render_intent(email):
            return False
        email.attempts += 1
        try:
            build_message(email).send(fail_silently=False)
        except Exception as exc:  # noqa: BLE001 — SMTP and ESP errors vary
            error = f"{type(exc).__name__}: {exc}"[:2000]
            email.last_error = error
            if email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                email.status = OutboxEmail.Status.FAILED
                logger.error("Outbox: email %s failed for good: %s", email_id, error)
                error = None
            email.save(update_fields=["attempts", "last_error", "status"])
        else:
            email.status = OutboxEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            email.save(update_fields=["attempts", "last_error", "status", "sent_at"])
            return True
    if error:
        raise DeliveryError(error)
    return False


def render_intent(email: OutboxEmail) -> bool:
    """Render a row written as an intent (the row is locked by the caller). False, and the
    row marked failed, when what it was about is gone (a registration deleted since)."""
    from home.notify import render_intent as render

    if not render(email):
        email.status = OutboxEmail.Status.FAILED
        email.last_error = "Nothing to send: what this email was about no longer exists."
        email.intent = {}
        email.save(update_fields=["status", "last_error", "intent"])
        return False
    email.intent = {}
    email.save(
        update_fields=["subject", "body_text", "attachments", "headers", "language", "intent"]
    )
    return True


def sweep(*, now=None) -> int:
    """Hand over pending emails the queue never got, or lost. Returns how many."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    ids = list(
        OutboxEmail.objects.filter(status=OutboxEmail.Status.PENDING)
        .filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
        .values_list("pk", flat=True)[:500]
    )
    return sum(1 for pk in ids if hand_over(pk))


def retry_failed(queryset) -> int:
    """Staff action: put failed emails back in the queue."""
    ids = list(queryset.filter(status=OutboxEmail.Status.FAILED).values_list("pk", flat=True))
    OutboxEmail.objects.filter(pk__in=ids).update(
        status=OutboxEmail.Status.PENDING, attempts=0, queued_at=None
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: hand_over(pk))
    return len(ids)
