"""Reminders through a real Celery worker on Redis; registration with the broker down.

The worker test needs CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/5); the
broker-down test runs anywhere (it points the app at a port where nothing listens).
"""

import os
import time
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone

import pytest
from kombu import pools as kombu_pools

from community.factories import UserFactory
from config.celery_app import app
from events import services
from events.models import Registration
from home import outbox
from home.models import OutboxEmail

pytestmark = [
    pytest.mark.django_db(transaction=True),
]

needs_broker = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL,
    reason="CELERY_BROKER_URL is not set: no Redis broker to test against",
)
DEAD_BROKER = "redis://127.0.0.1:1/5"  # port 1: nothing listens there


@pytest.fixture
def site(fresh_site):
    """Some tests here commit for real: the site is seeded for each test."""
    return fresh_site


def point_app_at(url: str | None):
    """Switch the Celery app to another broker (None: eager, no broker), dropping pools.

    Celery reads CELERY_BROKER_URL from the environment before its own setting.
    """
    os.environ["CELERY_BROKER_URL"] = url or ""
    app.conf.broker_url = url or "memory://"
    app.conf.task_always_eager = url is None
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    kombu_pools.reset()


@pytest.fixture
def restore_app():
    url, eager = app.conf.broker_url, app.conf.task_always_eager
    env = os.environ.get("CELERY_BROKER_URL")
    yield
    if env is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = env
    point_app_at(url if not eager else None)
    app.conf.broker_url, app.conf.task_always_eager = url, eager


def wait_for(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def queue_empty() -> bool:
    with app.connection_for_write() as conn:
        return conn.default_channel.client.llen(app.conf.task_default_queue) == 0


def soon(make_event, hours: float):
    start = (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    end = start + timedelta(hours=1)
    return make_event(
        start_date=start.date(),
        start_time=start.time(),
        end_date=end.date(),
        end_time=end.time(),
        capacity=5,
    )


@needs_broker
@pytest.mark.broker
def test_schedule_run_twice_through_a_worker_sends_each_reminder_once(make_event, restore_app):
    from celery.contrib.testing.worker import start_worker

    from events.tasks import send_reminders

    point_app_at(settings.CELERY_BROKER_URL)
    app.control.purge()
    event = soon(make_event, hours=20)
    users = [UserFactory() for _ in range(3)]
    for user in users:
        services.registration_create(event=event, user=user, now=event.start - timedelta(days=3))
    mail.outbox.clear()
    with start_worker(
        app, perform_ping_check=False, pool="solo", loglevel="WARNING", shutdown_timeout=10
    ):
        send_reminders.delay()
        send_reminders.delay()
        assert wait_for(
            lambda: (
                OutboxEmail.objects.filter(reason="events.reminder", status="sent").count() == 3
                and not OutboxEmail.objects.filter(status="pending").exists()
                and queue_empty()
            )
        )
        time.sleep(1)  # let a late duplicate show itself, if there were one
    reminders = [m for m in mail.outbox if "Tomorrow" in m.subject]
    assert sorted(m.to[0] for m in reminders) == sorted(u.email for u in users)
    assert OutboxEmail.objects.filter(reason="events.reminder").count() == 3
    # Confirmations queued while no worker ran went out too, once each.
    assert OutboxEmail.objects.filter(reason="events.confirmation", status="sent").count() == 3


def test_dead_broker_registration_is_quick_and_stored_email_follows(
    make_event, member, restore_app
):
    event = make_event()
    point_app_at(DEAD_BROKER)
    mail.outbox.clear()
    started = time.monotonic()
    result = services.registration_create(event=event, user=member)
    elapsed = time.monotonic() - started
    # Publishing fails fast with a dead broker: redis-py's own connection retries are off
    # (CELERY_BROKER_TRANSPORT_OPTIONS max_retries=0), so the member waits no seconds.
    # (About 0.3 s on a quiet machine; the bound leaves room for a loaded CI machine.)
    assert elapsed < 4, f"registration took {elapsed:.1f}s with the broker down"
    assert Registration.objects.filter(pk=result.registration.pk, status="confirmed").exists()
    email = OutboxEmail.objects.get(to=member.email)
    assert (email.status, email.queued_at) == ("pending", None)
    assert mail.outbox == []

    # The broker is back: the sweep hands the email over and it goes out, once.
    if settings.CELERY_BROKER_URL:
        from celery.contrib.testing.worker import start_worker

        point_app_at(settings.CELERY_BROKER_URL)
        app.control.purge()
        with start_worker(
            app, perform_ping_check=False, pool="solo", loglevel="WARNING", shutdown_timeout=10
        ):
            assert outbox.sweep() == 1
            assert wait_for(lambda: OutboxEmail.objects.get(pk=email.pk).status == "sent")
    else:
        point_app_at(None)
        assert outbox.sweep() == 1
    assert outbox.sweep() == 0
    (sent,) = mail.outbox
    assert sent.to == [member.email] and sent.attachments[0][0] == "event.ics"
