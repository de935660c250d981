"""PostgreSQL: capacity holds under a crowd, the waiting list keeps its order,
replays make one registration, reminders race safely.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogc_events.
"""

import pytest

from community.factories import UserFactory
from events import services
from events.models import Registration, RegistrationStatus
from home.models import OutboxEmail
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    """Some tests here commit for real: the site is seeded for each test."""
    return fresh_site


def crowd(event, users):
    return in_parallel(
        [lambda user=user: services.registration_create(event=event, user=user) for user in users]
    )


@pytest.mark.parametrize("round_", range(4))
def test_fifty_people_ten_places(make_event, round_):
    event = make_event(capacity=10, title=f"Crowded {round_}")
    users = [UserFactory() for _ in range(50)]
    results = crowd(event, users)
    assert all(r.created for r in results)
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert rows.filter(status=RegistrationStatus.WAITLISTED).count() == 40
    # The waiting list is a strict order: positions 1..40, no ties.
    waiting = list(rows.filter(status=RegistrationStatus.WAITLISTED).order_by("queue_number"))
    assert [w.waitlist_position() for w in waiting] == list(range(1, 41))
    assert len({r.queue_number for r in rows}) == 50
    # Every registrant got exactly one email (confirmation or waiting list).
    assert OutboxEmail.objects.filter(to__in=[u.email for u in users]).count() == 50

    # Three cancellations at once: exactly the first three waiting are promoted, in order.
    confirmed = list(rows.filter(status=RegistrationStatus.CONFIRMED)[:3])
    in_parallel(
        [lambda r=r: services.registration_cancel(registration=r, by=r.user) for r in confirmed]
    )
    promoted = list(
        rows.filter(status=RegistrationStatus.CONFIRMED, pk__in=[w.pk for w in waiting]).order_by(
            "confirmed_at", "queue_number"
        )
    )
    assert [p.pk for p in promoted] == [w.pk for w in waiting[:3]]
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert rows.filter(status=RegistrationStatus.WAITLISTED).count() == 37
    assert OutboxEmail.objects.filter(reason="events.promoted").count() == 3


def test_same_registration_replayed_five_times_at_once(make_event):
    event = make_event(capacity=10)
    member = UserFactory()
    results = in_parallel(
        [lambda: services.registration_create(event=event, user=member) for _ in range(5)]
    )
    assert sum(r.created for r in results) == 1
    assert len({r.registration.pk for r in results}) == 1
    assert Registration.objects.filter(user=member).count() == 1
    assert OutboxEmail.objects.filter(to=member.email).count() == 1


def test_capacity_raise_while_people_register(make_event):
    event = make_event(capacity=5)
    users = [UserFactory() for _ in range(20)]
    crowd(event, users[:10])
    event.capacity = 8
    event.save()
    calls = [lambda: services.capacity_changed(event=event)] + [
        lambda user=user: services.registration_create(event=event, user=user)
        for user in users[10:]
    ]
    in_parallel(calls)
    services.capacity_changed(event=event)
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 8
    # The three promoted are the first three who were waiting from the first crowd.
    first_wave = rows.filter(user__in=users[:10]).order_by("queue_number")
    assert [r.status for r in first_wave] == ["confirmed"] * 8 + ["waitlisted"] * 2


def test_two_workers_racing_send_each_reminder_once(make_event):
    from datetime import timedelta

    event = make_event(capacity=30)
    users = [UserFactory() for _ in range(20)]
    for user in users:
        services.registration_create(event=event, user=user, now=event.start - timedelta(days=3))
    at = event.start - timedelta(hours=20)
    counts = in_parallel([lambda: services.send_due_reminders(now=at) for _ in range(4)])
    assert sum(counts) == 20
    assert OutboxEmail.objects.filter(reason="events.reminder").count() == 20
