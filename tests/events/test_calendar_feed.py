"""The personal calendar feed: exactly the member's confirmed registrations and cohort
sessions; a reset kills the old address; nobody else's token reveals anything."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
from icalendar import Calendar

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Participant
from community.factories import UserFactory
from events import services
from events.models import CalendarFeed, Registration

pytestmark = pytest.mark.django_db


def feed_url(user):
    return reverse("calendar_feed", kwargs={"token": services.calendar_feed_get(user=user).token})


def entries(response):
    cal = Calendar.from_ical(response.content)
    return {str(item["summary"]): item for item in cal.walk("VEVENT")}


@pytest.fixture
def cohort(home):
    programme = ProgrammePageFactory(parent=home, slug="leadership")
    session = datetime(2027, 5, 4, 15, 0, tzinfo=UTC)
    return CohortPageFactory(
        parent=programme,
        slug="cohort-feed",
        title="Reformers cohort",
        curriculum=[
            ("session", {"date": session, "title": "Kick-off", "materials": []}),
            ("session", {"date": None, "title": "Undated", "materials": []}),
        ],
    )


def test_the_feed_holds_exactly_confirmed_registrations_and_cohort_sessions(
    client, make_event, member, other_member, cohort
):
    confirmed = make_event(title="Confirmed one", capacity=5)
    full = make_event(title="Waiting one", capacity=1)
    left = make_event(title="Cancelled registration", capacity=5)
    called_off = make_event(title="Called off", capacity=5)
    services.registration_create(event=confirmed, user=member)
    services.registration_create(event=full, user=other_member)
    services.registration_create(event=full, user=member)  # waiting
    services.registration_create(event=left, user=member)
    services.registration_cancel(registration=Registration.objects.get(event=left, user=member))
    services.registration_create(event=called_off, user=member)
    called_off.status = "cancelled"
    called_off.save_revision().publish()
    Participant.objects.create(cohort=cohort, user=member)
    services.registration_create(event=make_event(title="Someone else's"), user=other_member)

    response = client.get(feed_url(member))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")
    found = entries(response)
    assert set(found) == {"Confirmed one", "Called off", "Kick-off · Reformers cohort"}
    assert str(found["Called off"]["status"]) == "CANCELLED"
    assert str(found["Confirmed one"]["status"]) == "CONFIRMED"
    kick_off = found["Kick-off · Reformers cohort"]
    assert kick_off.decoded("dtstart") == datetime(2027, 5, 4, 15, 0, tzinfo=UTC)
    assert str(kick_off["uid"]).startswith("cohort-session-")
    uid = str(found["Confirmed one"]["uid"])
    assert uid == f"event-{confirmed.translation_key}@" + uid.split("@")[1]
    assert found["Confirmed one"].decoded("dtstart").tzinfo is not None
    assert "meet.example.org" not in response.content.decode()  # no joining links

    # Stable: fetched again, the same UIDs and SEQUENCEs.
    again = entries(client.get(feed_url(member)))
    assert {k: (str(v["uid"]), v["sequence"]) for k, v in again.items()} == {
        k: (str(v["uid"]), v["sequence"]) for k, v in found.items()
    }


def test_a_reset_kills_the_old_address_like_a_made_up_one(client, member, make_event):
    services.registration_create(event=make_event(title="Mine"), user=member)
    old = feed_url(member)
    assert client.get(old).status_code == 200
    client.force_login(member)
    page = client.get(reverse("events:calendar_reset"))
    assert "The old address stops working at once" in page.content.decode()
    assert client.get(old).status_code == 200  # a GET resets nothing
    response = client.post(reverse("events:calendar_reset"), follow=True)
    assert "Your calendar has a new address" in response.content.decode()
    client.logout()
    new = feed_url(member)
    assert new != old
    gone = client.get(old)
    made_up = client.get(reverse("calendar_feed", kwargs={"token": "x" * 43}))
    assert gone.status_code == made_up.status_code == 404
    # The same page (it only repeats the address asked for).
    old_token = old.rsplit("/", 1)[1].removesuffix(".ics")
    assert gone.content.replace(old_token.encode(), b"") == made_up.content.replace(b"x" * 43, b"")
    assert "Mine" in entries(client.get(new))


@pytest.mark.parametrize("token", ["", "a", "x" * 200, "../../etc", "%00"])
def test_garbage_tokens_answer_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_another_members_token_shows_only_theirs_and_post_is_refused(client, member, make_event):
    other = UserFactory()
    services.registration_create(event=make_event(title="Member's event"), user=member)
    found = entries(client.get(feed_url(other)))
    assert found == {}
    assert client.post(feed_url(member)).status_code == 405


def test_my_events_shows_the_address_and_a_reset_link(client, member):
    client.force_login(member)
    html = client.get(reverse("events:my_events")).content.decode()
    feed = CalendarFeed.objects.get(user=member)
    assert f"/calendar/{feed.token}.ics" in html
    assert reverse("events:calendar_reset") in html
    assert client.get(reverse("events:calendar_reset")).status_code == 200
    client.logout()
    response = client.post(reverse("events:calendar_reset"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert CalendarFeed.objects.get(user=member).token == feed.token


def test_the_feed_reads_a_bounded_number_of_queries(
    client, make_event, member, cohort, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = feed_url(member)
    Participant.objects.create(cohort=cohort, user=member)
    services.registration_create(event=make_event(), user=member)
    client.get(url)  # warm the site's caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for _ in range(4):
        services.registration_create(event=make_event(), user=member)
    with CaptureQueriesContext(connection) as large:
        assert len(entries(client.get(url))) == 6
    assert len(large.captured_queries) == len(small.captured_queries)
    assert len(small.captured_queries) <= 8


def test_sessions_appear_with_a_new_sequence_once_the_cohort_changes(client, member, cohort):
    Participant.objects.create(cohort=cohort, user=member)
    url = feed_url(member)
    before = entries(client.get(url))["Kick-off · Reformers cohort"]
    cohort.last_published_at = timezone.now() + timedelta(hours=1)
    cohort.save()
    after = entries(client.get(url))["Kick-off · Reformers cohort"]
    assert after["uid"] == before["uid"]
    assert after["sequence"] > before["sequence"]
