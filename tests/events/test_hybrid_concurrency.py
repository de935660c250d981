"""PostgreSQL: a hybrid event's two quotas hold under a crowd registering in both kinds
at once, and concurrent switches never oversell either kind nor jump a waiting list.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_hybrid.
"""

import pytest

from community.factories import UserFactory
from events import services
from events.errors import RegistrationError
from events.models import Registration, RegistrationStatus
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


@pytest.fixture
def site(fresh_site):
    return fresh_site


def counts(event, place):
    rows = Registration.objects.filter(event=event, place=place)
    return rows.filter(status=CONFIRMED).count(), rows.filter(status=WAITLISTED).count()


@pytest.mark.parametrize("round_", range(3))
def test_fifty_people_in_both_kinds_at_once_oversell_neither(make_event, round_):
    event = make_event(
        attendance_mode="hybrid", capacity=6, online_capacity=9, title=f"Hybrid {round_}"
    )
    users = [UserFactory() for _ in range(50)]
    places = ["in_person" if n % 2 else "online" for n in range(50)]
    results = in_parallel(
        [
            lambda user=user, place=place: services.registration_create(
                event=event, user=user, place=place
            )
            for user, place in zip(users, places, strict=True)
        ]
    )
    assert all(r.created for r in results)
    assert counts(event, "in_person") == (6, 19)
    assert counts(event, "online") == (9, 16)
    # Each line is a strict order of its own: 1..n, no ties.
    for place, n in (("in_person", 19), ("online", 16)):
        waiting = Registration.objects.filter(event=event, place=place, status=WAITLISTED)
        assert sorted(r.waitlist_position() for r in waiting) == list(range(1, n + 1))


def test_concurrent_switches_never_oversell_a_kind(make_event):
    event = make_event(attendance_mode="hybrid", capacity=5, online_capacity=5)
    in_person = [
        services.registration_create(event=event, user=UserFactory(), place="in_person")
        for _ in range(5)
    ]
    for _ in range(2):
        services.registration_create(event=event, user=UserFactory(), place="online")

    def switch(result):
        try:
            return services.registration_switch(
                registration=result.registration, place="online"
            ).place
        except RegistrationError:
            return "refused"

    # Five confirmed in person rush for three free online places.
    outcomes = in_parallel([lambda r=r: switch(r) for r in in_person])
    assert sorted(outcomes) == ["online"] * 3 + ["refused"] * 2
    assert counts(event, "online") == (5, 0)
    assert counts(event, "in_person") == (2, 0)


def test_switches_and_cancellations_at_once_keep_both_lines(make_event):
    """A cancellation online frees a place for the first person waiting online, not for a
    member switching in from in person at the same moment."""
    event = make_event(attendance_mode="hybrid", capacity=3, online_capacity=3)
    online = [
        services.registration_create(event=event, user=UserFactory(), place="online")
        for _ in range(5)
    ]  # three confirmed, two waiting
    in_person = [
        services.registration_create(event=event, user=UserFactory(), place="in_person")
        for _ in range(3)
    ]
    first_waiting = online[3].registration

    def switch(result):
        try:
            return services.registration_switch(registration=result.registration, place="online")
        except RegistrationError:
            return None

    calls = [lambda: services.registration_cancel(registration=online[0].registration)]
    calls += [lambda r=r: switch(r) for r in in_person]
    in_parallel(calls)
    first_waiting.refresh_from_db()
    assert first_waiting.status == CONFIRMED  # the line went first
    assert counts(event, "online") == (3, 1)
    assert counts(event, "in_person") == (3, 0)  # nobody switched: no free place online
