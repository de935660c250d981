"""Changes reach registrants: a new time, place or joining link, or a cancellation, tells
everyone registered or waiting once, in their language, with a calendar entry that
replaces the one they hold."""

import base64
from datetime import timedelta

import pytest
from icalendar import Calendar

from community.factories import UserFactory
from events import ics, services
from events.errors import RegistrationError
from events.models import EventPage, EventStatus, Registration, RegistrationStatus
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(event):
    """Two confirmed (one reads French), one waiting, one who cancelled."""
    confirmed = UserFactory(name="Ana Confirmed")
    french = UserFactory(name="Chloé Française", preferred_language="fr")
    waiting = UserFactory(name="Wen Waiting")
    gone = UserFactory(name="Gil Gone")
    services.registration_create(event=event, user=confirmed)
    services.registration_create(event=event, user=french)
    services.registration_create(event=event, user=waiting)
    services.registration_create(event=event, user=gone)  # waiting too, then cancels
    services.registration_cancel(registration=Registration.objects.get(user=gone), by=gone)
    return {"confirmed": confirmed, "french": french, "waiting": waiting, "gone": gone}


def publish(event, **fields):
    page = EventPage.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def change_emails(reason="events.changed"):
    return {email.to: email for email in OutboxEmail.objects.filter(reason=reason)}


def calendar_of(email):
    (item,) = email.attachments
    return Calendar.from_ical(base64.b64decode(item["content"]))


def test_moving_the_event_tells_everyone_registered_or_waiting_once_in_their_language(
    event, people, django_capture_on_commit_callbacks
):
    first = Calendar.from_ical(ics.event_calendar(event))
    (first_entry,) = first.walk("VEVENT")
    with django_capture_on_commit_callbacks(execute=True):
        moved = publish(
            event,
            start_date=event.start_date + timedelta(days=7),
            end_date=event.end_date + timedelta(days=7),
        )
    emails = change_emails()
    assert set(emails) == {
        people["confirmed"].email,
        people["french"].email,
        people["waiting"].email,
    }
    english = emails[people["confirmed"].email]
    assert english.subject == f"Changed: {event.title}"
    assert "When:" in english.body_text and "(was " in english.body_text
    assert "Your place is kept" in english.body_text
    french = emails[people["french"].email]
    assert french.subject.startswith("Modifié") and "Quand" in french.body_text
    assert "waiting list" in emails[people["waiting"].email].body_text
    # The calendar entry replaces the old one: same UID, higher SEQUENCE, the new day.
    (entry,) = calendar_of(english).walk("VEVENT")
    assert str(entry["UID"]) == str(first_entry["UID"])
    assert int(entry["SEQUENCE"]) == int(first_entry["SEQUENCE"]) + 1 == moved.calendar_sequence
    assert entry.decoded("DTSTART") == moved.start
    # Publishing again without a change, or another edit, tells nobody anything new.
    with django_capture_on_commit_callbacks(execute=True):
        publish(moved, summary="A better summary")
        publish(moved)
    assert OutboxEmail.objects.filter(reason="events.changed").count() == 3
    assert EventPage.objects.get(pk=event.pk).calendar_sequence == moved.calendar_sequence
    # Running the job again sends nothing new (one message per person per change).
    before = {**moved.told_facts, "start": event.start.isoformat(), "end": event.end.isoformat()}
    services.tell_registrants(
        event_id=event.pk, sequence=moved.calendar_sequence, before=before, after=moved.told_facts
    )
    assert OutboxEmail.objects.filter(reason="events.changed").count() == 3


def test_a_new_venue_or_joining_link_reaches_them_and_the_link_only_those_with_a_place(
    event, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            event,
            attendance_mode="hybrid",
            venue_name="Maison de la presse",
            city="Dakar",
            online_url="https://meet.example.org/new-room",
        )
    emails = change_emails()
    confirmed = emails[people["confirmed"].email].body_text
    assert "Where:" in confirmed and "Maison de la presse, Dakar" in confirmed
    assert "https://meet.example.org/new-room" in confirmed
    waiting = emails[people["waiting"].email].body_text
    assert "https://meet.example.org/new-room" not in waiting
    assert "once you have a place" in waiting


def test_a_cancellation_tells_everyone_keeps_the_registrations_and_cancels_the_calendar(
    client, event, people, django_capture_on_commit_callbacks
):
    kept = list(Registration.objects.filter(event=event).values_list("pk", "status"))
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = publish(event, status=EventStatus.CANCELLED)
    emails = change_emails("events.cancelled_event")
    assert set(emails) == {
        people["confirmed"].email,
        people["french"].email,
        people["waiting"].email,
    }
    assert emails[people["french"].email].subject.startswith("Annulé")
    assert "stays on record" in emails[people["confirmed"].email].body_text
    assert list(Registration.objects.filter(event=event).values_list("pk", "status")) == kept
    calendar = calendar_of(emails[people["confirmed"].email])
    assert str(calendar["METHOD"]) == "CANCEL"
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["STATUS"]) == "CANCELLED"
    assert int(entry["SEQUENCE"]) == cancelled.calendar_sequence >= 1
    # The page and its download say so; nobody can register any more.
    html = client.get(event.url).content.decode()
    assert "This event is cancelled." in html
    download = Calendar.from_ical(client.get(event.url + "calendar/").content)
    assert str(download["METHOD"]) == "CANCEL"
    with pytest.raises(RegistrationError) as refused:
        services.registration_create(event=cancelled, user=UserFactory())
    assert refused.value.code == "cancelled"
    # Nobody on the waiting list is promoted to a cancelled event.
    services.capacity_changed(event=cancelled)
    assert Registration.objects.get(user=people["waiting"]).status == RegistrationStatus.WAITLISTED


def test_the_first_publication_tells_nobody(make_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(title="Brand new", slug="brand-new")
    assert event.told_facts["start"] == event.start.isoformat()
    assert event.calendar_sequence == 0
    assert not OutboxEmail.objects.filter(reason__in=["events.changed"]).exists()


def test_an_old_revision_does_not_rewind_what_registrants_were_told(
    event, people, django_capture_on_commit_callbacks
):
    old = EventPage.objects.get(pk=event.pk).latest_revision
    with django_capture_on_commit_callbacks(execute=True):
        publish(
            event,
            start_date=event.start_date + timedelta(days=7),
            end_date=event.end_date + timedelta(days=7),
        )
        old.publish()  # back to the old day: a second change, told as such
    # Each change is its own message, saying what it changed.
    page = EventPage.objects.get(pk=event.pk)
    assert page.calendar_sequence == 2
    assert page.start == event.start
    assert OutboxEmail.objects.filter(reason="events.changed").count() == 6
