"""Issue 16's story, end to end: a member registers for a hybrid summit, in person, and
gets her ticket by email; at the door, event staff on a phone-sized screen check her in
by typing its code; staff move the summit a day in the page editor and she is told; once
it is over she finds its recording among the past events. axe-core checks each page."""

import re
import time
from datetime import timedelta

from django.core import mail
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from community.factories import UserFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.members import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Open Government Summit"


@pytest.fixture
def summit(seeded_site):
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    event = EventPageFactory(
        parent=index,
        title=TITLE,
        slug="summit",
        event_type="global_summit",
        attendance_mode="hybrid",
        venue_name="Palacio de Minería",
        city="Mexico City",
        country="MX",
        timezone="America/Mexico_City",
        capacity=2,
        online_capacity=50,
        online_url="https://meet.example.org/summit",
        agenda=[
            {
                "type": "session",
                "id": "plenary",
                "value": {
                    "title": "Opening plenary",
                    "starts_at": "14:00",
                    "ends_at": "15:00",
                    "description": "",
                    "speakers": [],
                },
            }
        ],
    )
    event.save_revision().publish()
    return event


def email_to(address, subject):
    """The email ``address`` received whose subject contains ``subject`` (delivery runs
    after the commit, in the server's thread)."""
    for _ in range(50):
        for message in mail.outbox:
            if address in message.to and subject in message.subject:
                return message
        time.sleep(0.1)
    raise AssertionError(f"no email {subject!r} to {address}: {[m.subject for m in mail.outbox]}")


def test_register_ticket_door_moved_and_recording(browser, live_server, summit, settings):
    from events.models import CheckIn, EventPage
    from home.models import OutboxEmail
    from home.permissions import ensure_groups

    settings.SITE_URL = live_server.url
    lucia = UserFactory(name="Lucía Pérez", email="lucia@example.org")
    staff = UserFactory(name="Ana García", email="ana.staff@example.org")
    from django.contrib.auth.models import Group

    # Event staff run the door; Wagtail's moderators edit and publish pages.
    staff.groups.add(ensure_groups()["Event staff"], Group.objects.get(name="Moderators"))

    # She registers for an in-person place.
    member = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    sign_in_as(member, lucia)
    member.goto("/en/events/summit/")
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(member)
    member.get_by_label("In person: 2 places left").check()
    member.get_by_role("button", name="Register", exact=True).click()
    expect(member.get_by_text("Your place: In person.")).to_be_visible()
    assert_accessible(member)

    # Her ticket arrives by email: a link to the QR code and a short code to type.
    confirmation = email_to(lucia.email, TITLE)
    code = re.search(r"Ticket code \(if you cannot show the QR code\): (\S+)", confirmation.body)
    assert code, confirmation.body
    code = code.group(1)
    ticket_url = re.search(r"(http\S+/my-events/\d+/ticket/)", confirmation.body).group(1)
    member.goto(ticket_url)
    expect(member.get_by_role("img", name="QR code of your ticket")).to_be_visible()
    expect(member.get_by_text(code)).to_be_visible()
    assert_accessible(member)

    # At the door, on a phone-sized screen, staff type the code.
    door = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 320, "height": 740}
    ).new_page()
    sign_in_as(door, staff)
    door.goto(f"/admin/event-registrations/{summit.pk}/check-in/")
    expect(door.get_by_text("0 of 1 checked in")).to_be_visible()
    assert_accessible(door)
    door.get_by_label("Ticket code or scanned QR code").fill(code)
    door.get_by_role("button", name="Check in", exact=True).first.click()
    expect(door.get_by_text("Welcome")).to_be_visible()
    expect(door.locator(".door__who")).to_have_text("Lucía Pérez")
    expect(door.get_by_text("1 of 1 checked in")).to_be_visible()
    assert door.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(door)
    assert CheckIn.objects.filter(registration__user=lucia, undone_at__isnull=True).count() == 1

    # Staff move the summit a day later in the page editor, and publish.
    later = summit.start_date + timedelta(days=1)
    editor = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    sign_in_as(editor, staff)
    editor.goto(f"/admin/pages/{summit.pk}/edit/")
    editor.locator("[name=start_date]").fill(later.isoformat())
    editor.locator("[name=end_date]").fill(later.isoformat())
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    expect(editor.locator("body")).to_contain_text("published")
    assert EventPage.objects.get(pk=summit.pk).start_date == later

    # She is told: by email, with the new day, and in her notifications.
    changed = email_to(lucia.email, f"Changed: {TITLE}")
    assert "Your place is kept" in changed.body
    assert OutboxEmail.objects.filter(to=lucia.email, reason="events.changed").count() == 1
    member.goto("/en/notifications/")
    expect(member.get_by_text(f"Changed: {TITLE}").first).to_be_visible()
    assert_accessible(member)

    # Once it is over, editors attach the recording; she finds it among past events.
    page = EventPage.objects.get(pk=summit.pk)
    past = (timezone.now() - timedelta(days=3)).date()
    page.start_date = page.end_date = past
    page.materials = [
        {
            "type": "recording",
            "id": "plenary-recording",
            "value": {
                "title": "Opening plenary",
                "url": "https://media.example.org/summit-plenary",
                "transcript": "<p>We opened with the budget transparency pledges.</p>",
                "public": True,
            },
        }
    ]
    page.save_revision().publish()
    email_to(lucia.email, f"Materials from {TITLE}")
    member.goto("/en/events/")
    member.get_by_role("link", name="Past events", exact=True).click()
    card = member.locator("li.card", has_text=TITLE)
    expect(card.get_by_text("Recording", exact=True)).to_be_visible()
    card.get_by_role("link", name=TITLE).click()
    expect(member.get_by_text("This event took place on")).to_be_visible()
    expect(member.get_by_role("link", name="Watch the recording")).to_be_visible()
    assert_accessible(member)
