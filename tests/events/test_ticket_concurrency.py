"""PostgreSQL: a ticket is single-use at the door even when staff scan it at once.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_tickets.
"""

import pytest

from community.factories import UserFactory
from events import services, tickets
from events.errors import CheckInError
from events.models import CheckIn, Registration
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    return fresh_site


@pytest.mark.parametrize("round_", range(3))
def test_eight_staff_scan_one_ticket_at_once(make_event, round_):
    event = make_event(capacity=10, title=f"Door {round_}")
    registration = services.registration_create(event=event, user=UserFactory()).registration
    ticket = tickets.ticket_for(registration)
    staff = [UserFactory(name=f"Staff {i}") for i in range(8)]
    results = in_parallel(
        [
            lambda who=who: tickets.check_in_text(
                event=event, text=ticket.qr_payload, by=who, device=who.name
            )
            for who in staff
        ],
        return_exceptions=True,
    )
    made = [r for r in results if isinstance(r, CheckIn)]
    refused = [r for r in results if isinstance(r, CheckInError)]
    assert len(made) == 1 and len(refused) == 7
    assert {r.code for r in refused} == {"already"}
    # Everyone refused is told who let the ticket in: the one check-in that exists.
    winner = made[0].by.name
    assert all(f"by {winner}." in r.message for r in refused)
    assert CheckIn.objects.filter(registration=registration).count() == 1
    assert Registration.objects.get(pk=registration.pk).attended_at == made[0].at


def test_offline_batches_and_online_scans_at_once_make_one_check_in_each(make_event):
    event = make_event(capacity=None, title="Busy door")
    registrations = [
        services.registration_create(event=event, user=UserFactory()).registration for _ in range(6)
    ]
    made = tickets.tickets_for(registrations)
    items = [{"id": str(r.pk), "ticket": made[r.pk].code} for r in registrations]
    staff = [UserFactory() for _ in range(4)]
    calls = [
        lambda who=who: tickets.check_in_batch(event=event, items=items, by=who, device="d")
        for who in staff[:2]
    ] + [
        lambda who=who, r=r: tickets.check_in(registration=r, by=who, method="scan")
        for who in staff[2:]
        for r in registrations[:3]
    ]
    in_parallel(calls, return_exceptions=True)
    assert CheckIn.objects.filter(event=event).count() == 6
    assert CheckIn.objects.filter(event=event).values("registration").distinct().count() == 6


def test_cancel_and_scan_at_once_never_leave_a_cancelled_registration_checked_in(make_event):
    event = make_event(capacity=10, title="Cancel race")
    for _ in range(4):
        registration = services.registration_create(event=event, user=UserFactory()).registration
        ticket = tickets.ticket_for(registration)
        in_parallel(
            [
                lambda r=registration: services.registration_cancel(registration=r, by=r.user),
                lambda t=ticket: tickets.check_in_text(event=event, text=t.code, by=None),
            ],
            return_exceptions=True,
        )
        registration.refresh_from_db()
        checked = CheckIn.objects.filter(registration=registration).exists()
        # Either it was let in before the cancellation, or refused after it.
        assert registration.status == "cancelled"
        assert checked == (registration.attended_at is not None)
