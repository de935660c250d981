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


def test_thirty_two_people_one_place(make_event):
    """The placement and its COMMIT travel together (pipelined): still exactly one place."""
    from home import outbox

    event = make_event(capacity=1, title="One seat")
    users = [UserFactory() for _ in range(32)]
    results = crowd(event, users)
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 1
    assert rows.filter(status=RegistrationStatus.WAITLISTED).count() == 31
    assert sorted(r.registration.queue_number for r in results) == list(range(1, 33))
    # What each caller was told is what the database holds.
    told = {r.registration.pk: r.registration.status for r in results}
    assert told == dict(rows.values_list("pk", "status"))
    emails = OutboxEmail.objects.filter(to__in=[u.email for u in users])
    assert (
        sorted(emails.values_list("reason", flat=True))
        == ["events.confirmation"] + ["events.waitlisted"] * 31
    )
    # Delivered (eager mode) and rendered once each.
    assert emails.filter(status=OutboxEmail.Status.SENT).count() == 32
    assert outbox.sweep() == 0


def test_people_waiting_go_first_when_a_capacity_rose_unannounced(make_event):
    """Places freed without capacity_changed (raised in the database): the next
    registration fills them from the waiting list, in order, before its own turn."""
    from events.models import EventPage

    event = make_event(capacity=1, title="Raised")
    first_wave = [UserFactory() for _ in range(3)]
    for user in first_wave:
        services.registration_create(event=event, user=user)
    EventPage.objects.filter(pk=event.pk).update(capacity=3)
    newcomer = UserFactory()
    result = services.registration_create(event=event, user=newcomer)
    statuses = dict(Registration.objects.filter(event=event).values_list("user", "status"))
    assert [statuses[u.pk] for u in first_wave] == [RegistrationStatus.CONFIRMED] * 3
    assert statuses[newcomer.pk] == RegistrationStatus.WAITLISTED == result.registration.status
    assert result.registration.waitlist_position() == 1
