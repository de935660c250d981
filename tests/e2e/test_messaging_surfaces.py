"""Messaging outside its own pages, in a browser at 320 px, with axe on every page: the
header's "Messages" count, "My messages" on /me/, the "Message" button on a connection's
profile, and the message settings, saved with JavaScript on and off."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.members import build_member_world, sign_in
from tests.messaging import surface_fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

start_route = surface_fixtures.start_route


@pytest.fixture
def member_world(seeded_site):
    from messaging import services

    world = build_member_world()
    services.conversation_start(
        sender=world["peer"], recipients=[world["member"]], body="Bonjour Nadia !", language="fr"
    )
    return world


def fits(page, path):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{path} is {width}px wide at 320px"


def test_header_me_profile_and_settings(page, member_world, start_route):
    page.set_viewport_size({"width": 320, "height": 800})
    member, peer = member_world["member"], member_world["peer"]
    sign_in(page, member)

    page.goto("/en/me/")
    account = page.get_by_role("navigation", name="Your account")
    expect(account.get_by_role("link", name="Messages 1 unread")).to_be_visible()
    section = page.locator("#me-messages")
    expect(section.get_by_role("heading", name="My messages")).to_be_visible()
    expect(section.get_by_role("link", name="Grace Wanjiru")).to_be_visible()
    expect(section).to_contain_text("1 new")
    fits(page, "/en/me/")
    assert_accessible(page)

    page.goto(f"/en/community/members/{peer.profile.pk}/")
    expect(page.get_by_role("link", name="Message Grace Wanjiru")).to_have_attribute(
        "href", re.compile(rf"\?to={peer.profile.pk}$")
    )
    fits(page, "profile")
    assert_accessible(page)

    page.goto("/en/messages/settings/")
    fits(page, "/en/messages/settings/")
    assert_accessible(page)
    page.get_by_role("radio", name=re.compile("Only members you are connected with")).check()
    page.get_by_label("How many requests I take on at once").fill("12")
    page.get_by_role("button", name="Save my message settings").click()
    expect(page.get_by_role("alert")).to_contain_text("less than or equal to 10")
    expect(page.get_by_label("How many requests I take on at once")).to_have_value("12")
    assert_accessible(page)
    page.get_by_label("How many requests I take on at once").fill("4")
    page.get_by_role("button", name="Save my message settings").click()
    expect(page.get_by_text("Your message settings are saved.")).to_be_visible()
    expect(page.get_by_label("How many requests I take on at once")).to_have_value("4")


def test_settings_without_javascript(browser, live_server, member_world):
    from messaging.models import MessagingSettings

    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    try:
        sign_in(page, member_world["member"])
        page.goto("/fr/messages/settings/")
        fits(page, "/fr/messages/settings/")
        page.locator('input[name="who_may_message"][value="nobody"]').check()
        page.locator('input[name="exchanges_paused"]').check()
        page.locator('button[type="submit"]').last.click()
        page.wait_for_url("**/fr/messages/settings/")
        saved = MessagingSettings.objects.get(user=member_world["member"])
        assert (saved.who_may_message, saved.exchanges_paused) == ("nobody", True)
        expect(page.locator('input[name="who_may_message"][value="nobody"]')).to_be_checked()
    finally:
        context.close()
