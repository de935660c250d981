"""A member picks an online place at a hybrid event, switches to in person, and finds
their private calendar address on My events; at 320 px, with axe-core on each page."""

import os

import pytest
from playwright.sync_api import expect

from community.factories import UserFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.members import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def hybrid_event(seeded_site):
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    event = EventPageFactory(
        parent=index,
        title="Open parliaments forum",
        slug="open-parliaments",
        attendance_mode="hybrid",
        venue_name="Casa Abierta",
        city="Bogotá",
        capacity=20,
        online_capacity=1,
        joining_link_lead=30,
    )
    event.save_revision().publish()
    return event


def test_pick_switch_and_find_the_calendar(page, hybrid_event):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in_as(page, UserFactory(name="Ana Lima"))
    page.goto(hybrid_event.url)
    page.get_by_label("Online: 1 place left").check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Your place: Online.")).to_be_visible()
    expect(page.get_by_text("The link appears here 30 minutes before the start.")).to_be_visible()
    assert_accessible(page)
    shot(page, "hybrid-event-320")
    page.get_by_role("button", name="Switch my place to: In person").click()
    expect(page.get_by_text("Your place is now: In person")).to_be_visible()
    page.goto("/en/my-events/")
    expect(page.get_by_label("Your calendar address")).to_have_value(
        __import__("re").compile(r"/calendar/[A-Za-z0-9_-]{43}\.ics$")
    )
    assert_accessible(page)
    shot(page, "my-events-calendar-320")
    page.get_by_role("link", name="Reset the address").click()
    assert_accessible(page)
    shot(page, "calendar-reset-320")
    page.get_by_role("button", name="Reset the address").click()
    expect(page.get_by_text("Your calendar has a new address.")).to_be_visible()
