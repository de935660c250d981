"""The outbox: written with its cause, sent after commit, exactly once, whatever the broker does."""

import socket
from unittest import mock

from django.conf import settings
from django.core import mail
from django.db import transaction

import pytest

from home import outbox
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db(transaction=True)


def _send(to="reader@example.org", **kwargs):
    with transaction.atomic():
        return outbox.enqueue(to=to, subject="Hello", body_text="Body", **kwargs)


def test_email_is_written_in_the_transaction_and_sent_after_commit():
    with transaction.atomic():
        email = outbox.enqueue(to="a@example.org", subject="Hi", body_text="Text")
        assert OutboxEmail.objects.filter(pk=email.pk, status="pending").exists()
        assert mail.outbox == []  # nothing leaves before the commit
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(to="a@example.org", subject="Hi", body_text="Text")
        raise RuntimeError("the change failed")
    assert OutboxEmail.objects.count() == 0
    assert mail.outbox == []


def test_dedupe_key_writes_an_email_at_most_once():
    assert _send(dedupe_key="reminder:1") is not None
    assert _send(dedupe_key="reminder:1") is None
    assert len(mail.outbox) == 1


def test_delivering_the_same_row_twice_sends_once():
    email = _send()
    assert outbox.deliver(email.pk) is False  # already sent by the after-commit hand-over
    assert len(mail.outbox) == 1


def test_attachments_survive_the_outbox():
    with transaction.atomic():
        outbox.enqueue(
            to="x@example.org",
            subject="Your ticket",
            body_text="Attached.",
            attachments=[
                {"filename": "event.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
            ],
        )
    assert mail.outbox[-1].attachments[0][:2] == ("event.ics", "BEGIN:VCALENDAR")


def test_a_failing_mail_server_is_retried_then_marked_failed(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        email = _send()
        email.refresh_from_db()
        assert email.status == OutboxEmail.Status.PENDING
        assert email.attempts == 1
        assert "SMTP down" in email.last_error
        assert outbox.deliver(email.pk) is False  # the task's retry: last attempt
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == 2
    # Staff put it back in the queue once the server is fixed: it goes out once.
    with transaction.atomic():
        assert outbox.retry_failed(OutboxEmail.objects.all()) == 1
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_broker_down_keeps_the_email_pending_and_the_sweep_delivers_it_once():
    from kombu.exceptions import OperationalError

    with mock.patch("home.tasks.outbox_deliver.delay", side_effect=OperationalError("refused")):
        email = _send()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.PENDING
    assert email.queued_at is None
    assert mail.outbox == []

    assert outbox.sweep() == 1  # the broker is back
    assert outbox.sweep() == 0
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1


# --- with a real broker (CI: Redis) ------------------------------------------------

needs_broker = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL,
    reason="No CELERY_BROKER_URL: tasks run eagerly; .ci/run points this at Redis",
)


@pytest.fixture
def real_broker():
    """Tasks go through the configured broker instead of running in-process."""
    from config.celery_app import app

    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True


@pytest.fixture
def celery_worker_thread(real_broker):
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        real_broker, pool="solo", perform_ping_check=False, shutdown_timeout=10
    ) as worker:
        yield worker


def _wait_for(predicate, timeout=15.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _reset_broker_pool(app):
    """Make the app connect to its (changed) broker_url on the next publish."""
    app._pool = None
    app.amqp._producer_pool = None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@needs_broker
@pytest.mark.broker
def test_a_real_worker_on_the_broker_delivers_outbox_mail(celery_worker_thread):
    email = _send(to="worker@example.org")
    assert _wait_for(lambda: OutboxEmail.objects.get(pk=email.pk).status == "sent")
    assert [m.to for m in mail.outbox] == [["worker@example.org"]]


@needs_broker
@pytest.mark.broker
def test_outbox_delivers_exactly_once_after_the_broker_comes_back(real_broker, monkeypatch):
    import time

    from celery.contrib.testing.worker import start_worker

    app = real_broker
    real_url = app.conf.broker_url
    # Celery reads CELERY_BROKER_URL from the environment before its own config.
    port = _free_port()
    unreachable = f"redis://127.0.0.1:{port}/0"  # nothing listens there
    monkeypatch.setenv("CELERY_BROKER_URL", unreachable)
    monkeypatch.setattr(app.conf, "broker_url", unreachable)
    _reset_broker_pool(app)
    assert app.connection_for_write().port == port
    try:
        started = time.monotonic()
        email = _send(to="patient@example.org")
        assert time.monotonic() - started < 10, "an unreachable broker must not hold up the request"
    finally:
        monkeypatch.setenv("CELERY_BROKER_URL", real_url)
        monkeypatch.setattr(app.conf, "broker_url", real_url)
        _reset_broker_pool(app)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.PENDING
    assert email.queued_at is None

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert outbox.sweep() == 1
        assert _wait_for(lambda: OutboxEmail.objects.get(pk=email.pk).status == "sent")
        assert outbox.sweep() == 0
        time.sleep(1)
    assert [m.to for m in mail.outbox] == [["patient@example.org"]]
