"""A member opens their ticket on a phone; at the door, event staff type its code on a
phone, see who is checking in, and are refused when the same ticket comes twice. Pages
are checked with axe and photographed at 320 px (var/screenshots/)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from community.factories import PASSWORD, UserFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()


@pytest.fixture
def forum(seeded_site):
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    event = EventPageFactory(
        parent=index,
        title="Open budgets forum",
        slug="open-budgets-forum",
        attendance_mode="in_person",
        venue_name="Casa de la Cultura",
        city="Quito",
        country="EC",
        online_url="",
        timezone="America/Guayaquil",
    )
    event.save_revision().publish()
    return event


def test_ticket_then_door(browser, live_server, forum, settings):
    from events import services
    from events.models import Ticket
    from home.permissions import ensure_groups

    settings.SITE_URL = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    lucia = UserFactory(name="Lucía Pérez", email="lucia@example.org")
    registration = services.registration_create(event=forum, user=lucia).registration
    staff = UserFactory(name="Ana García", email="door@example.org")
    staff.groups.add(ensure_groups()["Event staff"])

    phone = {"viewport": {"width": 320, "height": 800}, "base_url": live_server.url}
    member = browser.new_context(**phone, locale="en-GB").new_page()
    member.goto("/en/accounts/login/?next=/en/my-events/")
    sign_in(member, lucia.email)
    member.get_by_role("link", name=re.compile("My ticket")).first.click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Open budgets forum")
    expect(member.get_by_role("img", name="QR code of your ticket")).to_be_visible()
    code = Ticket.objects.get(registration=registration).display_code
    expect(member.get_by_text(code)).to_be_visible()
    assert member.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(member)
    member.screenshot(path=str(SHOTS / "ticket-320.png"), full_page=True)
    member.emulate_media(media="print")
    member.screenshot(path=str(SHOTS / "ticket-print.png"), full_page=True)

    # The door, on a phone, without JavaScript: plain form posts.
    door = browser.new_context(**phone, locale="en-GB", java_script_enabled=False).new_page()
    door.goto(f"/admin/event-registrations/{forum.pk}/check-in/")
    sign_in(door, staff.email)
    expect(door.get_by_text("0 of 1 checked in")).to_be_visible()
    door.get_by_label("Ticket code or scanned QR code").fill(code.lower())
    door.get_by_role("button", name="Check in", exact=True).first.click()
    expect(door.get_by_text("Welcome")).to_be_visible()
    expect(door.locator(".door__who")).to_have_text("Lucía Pérez")
    expect(door.get_by_text("1 of 1 checked in")).to_be_visible()
    door.screenshot(path=str(SHOTS / "door-welcome-320.png"), full_page=True)
    door.get_by_label("Ticket code or scanned QR code").fill(code)
    door.get_by_role("button", name="Check in", exact=True).first.click()
    expect(door.get_by_text("Do not let in on this ticket")).to_be_visible()
    expect(
        door.get_by_text(re.compile(r"Already checked in at \d\d:\d\d by Ana García\."))
    ).to_be_visible()
    door.screenshot(path=str(SHOTS / "door-refused-320.png"), full_page=True)

    # With JavaScript at desktop width: the offline list can be kept on the device.
    desk = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    desk.goto(f"/admin/event-registrations/{forum.pk}/check-in/")
    sign_in(desk, staff.email)
    with desk.expect_response(lambda r: "offline" in r.url) as offline_list:
        desk.get_by_role("button", name="Keep the list on this device").click()
    assert offline_list.value.ok  # the list itself can take a while on a busy machine
    expect(
        desk.get_by_text(re.compile(r"Offline list saved on this device at .*People on it: 1\."))
    ).to_be_visible(timeout=15_000)
    desk.screenshot(path=str(SHOTS / "door-desktop.png"), full_page=True)
