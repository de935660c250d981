"""Who sees the joining link (the event's and a session's), and from when: a table of
readers, before and inside the window."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.factories import UserFactory
from events import services
from events.models import Registration

pytestmark = pytest.mark.django_db

EVENT_LINK = "https://meet.example.org/hybrid-room"
SESSION_LINK = "https://meet.example.org/session-two"
PENDING = "The link appears here 30 minutes before the start."


def hybrid_event(make_event, start):
    end = start + timedelta(hours=2)
    return make_event(
        title="Hybrid forum",
        attendance_mode="hybrid",
        venue_name="Casa Abierta",
        online_url=EVENT_LINK,
        joining_link_lead=30,
        capacity=1,
        online_capacity=1,
        start_date=start.date(),
        start_time=start.time().replace(second=0, microsecond=0),
        end_date=end.date(),
        end_time=end.time().replace(second=0, microsecond=0),
        agenda=[
            (
                "session",
                {
                    "day": start.date(),
                    "starts_at": start.time().replace(second=0, microsecond=0),
                    "title": "Session two",
                    "online_url": SESSION_LINK,
                    "speakers": [],
                },
            )
        ],
    )


def readers(event, staff):
    """One reader per row of the table, with the registrations that make them so."""
    online = UserFactory()
    in_person = UserFactory()
    waiting = UserFactory()
    cancelled = UserFactory()
    services.registration_create(event=event, user=online, place="online")
    services.registration_create(event=event, user=in_person, place="in_person")
    services.registration_create(event=event, user=waiting, place="online")
    services.registration_create(event=event, user=cancelled, place="in_person")
    services.registration_cancel(registration=Registration.objects.get(user=cancelled))
    assert Registration.objects.get(user=waiting).status == "waitlisted"
    return {
        "visitor": None,
        "member not registered": UserFactory(),
        "waiting": waiting,
        "cancelled": cancelled,
        "confirmed online": online,
        "confirmed in person": in_person,
        "staff": staff,
    }


def page_for(client, event, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(event.url)
    assert response.status_code == 200
    return response.content.decode()


def test_before_the_window_only_confirmed_registrants_read_when_it_comes(client, make_event, staff):
    event = hybrid_event(make_event, timezone.now() + timedelta(days=3))
    expected = {
        "visitor": "nothing",
        "member not registered": "nothing",
        "waiting": "nothing",
        "cancelled": "nothing",
        "confirmed online": "pending",
        "confirmed in person": "pending",
        "staff": "link",
    }
    for role, user in readers(event, staff).items():
        html = page_for(client, event, user)
        seen = "link" if EVENT_LINK in html else ("pending" if PENDING in html else "nothing")
        assert seen == expected[role], role
        assert (SESSION_LINK in html) == (expected[role] == "link"), role
        if expected[role] == "pending":
            assert "The link to this session appears here 30 minutes before it starts." in html


def test_inside_the_window_confirmed_registrants_of_both_kinds_see_it(client, make_event, staff):
    event = hybrid_event(make_event, timezone.now() + timedelta(minutes=20))
    shown = {"confirmed online", "confirmed in person", "staff"}
    for role, user in readers(event, staff).items():
        html = page_for(client, event, user)
        assert (EVENT_LINK in html) == (role in shown), role
        assert (SESSION_LINK in html) == (role in shown), role
        assert PENDING not in html, role


def test_the_window_edges_and_a_session_later_in_the_day():
    from events.joining import joining_link
    from events.models import EventPage, Registration

    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    event = EventPage(online_url=EVENT_LINK, joining_link_lead=30, attendance_mode="online")
    event.start = start
    confirmed = Registration(status="confirmed")
    opens = start - timedelta(minutes=30)
    assert joining_link(event, confirmed, now=opens - timedelta(seconds=1)).pending
    assert joining_link(event, confirmed, now=opens).url == EVENT_LINK
    later = start + timedelta(hours=3)
    assert joining_link(event, confirmed, url=SESSION_LINK, starts=later, now=opens).pending
    assert joining_link(event, Registration(status="waitlisted"), now=opens) is None
    event.status = "cancelled"
    assert joining_link(event, confirmed, now=opens) is None
    event.status, event.joining_link_lead = "scheduled", None
    assert joining_link(event, confirmed, now=start - timedelta(days=9)).url == EVENT_LINK


def test_the_link_never_reaches_the_anonymous_page_cache(client, make_event, member):
    event = hybrid_event(make_event, timezone.now() + timedelta(minutes=20))
    services.registration_create(event=event, user=member, place="online")
    client.force_login(member)
    assert EVENT_LINK in client.get(event.url).content.decode()
    client.logout()
    assert EVENT_LINK not in client.get(event.url).content.decode()
    assert EVENT_LINK not in client.get(event.url).content.decode()  # from the cache


def test_confirmation_email_says_when_the_link_comes(make_event, member, mails):
    event = hybrid_event(make_event, timezone.now() + timedelta(days=3))
    services.registration_create(event=event, user=member, place="in_person")
    (email,) = mails(to=member.email)
    assert EVENT_LINK not in email.body_text
    assert "from 30 minutes before the start" in email.body_text
