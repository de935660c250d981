"""A member registers for an event; a second finds it full and waits; the first cancels;
the second is promoted and sees it. axe-core checks each page on the way."""

import re

import pytest
from playwright.sync_api import expect

from community.factories import PASSWORD, UserFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def full_event(seeded_site):
    from events.factories import EventIndexPageFactory, EventPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    event = EventPageFactory(
        parent=index,
        title="Open budgets learning exchange",
        slug="open-budgets",
        event_type="learning_exchange",
        capacity=1,
        timezone="Pacific/Auckland",
        summary="Reformers compare how they opened their budgets.",
    )
    event.save_revision().publish()
    return event


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_register_wait_cancel_promote(page, browser, live_server, full_event):
    ana = UserFactory(name="Ana Lima", email="ana@example.org")
    ben = UserFactory(name="Ben Okafor", email="ben@example.org")

    # The events listing, then the event, as an anonymous visitor.
    page.goto("/en/events/")
    assert_accessible(page)
    page.get_by_role("link", name="Open budgets learning exchange").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open budgets learning exchange")
    expect(page.get_by_text("1 place left.")).to_be_visible()
    assert_accessible(page)

    # Sign in from the event, come back to it, register in one step.
    page.get_by_role("link", name="Sign in to register").click()
    assert_accessible(page)
    sign_in(page, ana.email)
    expect(page).to_have_url(re.compile(r"/en/events/open-budgets/$"))
    page.get_by_label("Let other registrants see that I am coming").check()
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("You have a place")
    expect(
        page.get_by_role("link", name="https://meet.example.org/opengov-webinar")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="My events").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My events")
    expect(
        page.get_by_role("link", name="Open budgets learning exchange", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("Confirmed", exact=True)).to_be_visible()
    assert_accessible(page)

    # A second member, reading from Los Angeles, finds it full and joins the waiting list.
    other = browser.new_context(
        base_url=live_server.url, locale="en-US", timezone_id="America/Los_Angeles"
    )
    other.set_default_timeout(15_000)
    second = other.new_page()
    second.goto("/en/accounts/login/?next=/en/events/open-budgets/")
    sign_in(second, ben.email)
    expect(second.locator("[data-reader-tz]")).to_have_attribute(
        "data-reader-tz", "America/Los_Angeles"
    )
    expect(second.get_by_text("Full", exact=True)).to_be_visible()
    expect(
        second.get_by_role("link", name="https://meet.example.org/opengov-webinar")
    ).to_have_count(0)
    second.get_by_role("button", name="Join the waiting list").click()
    expect(second.get_by_role("status")).to_contain_text("waiting list, number 1")
    expect(second.get_by_text("You are number 1 on the waiting list")).to_be_visible()
    assert_accessible(second)

    # The first member cancels from My events: the link asks first, the button cancels.
    page.get_by_role("link", name=re.compile("Cancel my registration")).click()
    expect(page.get_by_role("button", name=re.compile("Cancel my registration"))).to_be_visible()
    page.get_by_role("button", name=re.compile("Cancel my registration")).click()
    expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled")
    expect(page.get_by_text("You are not registered for any upcoming event.")).to_be_visible()
    assert_accessible(page)

    # The second member has been promoted, and sees it on the event and in My events.
    second.reload()
    expect(second.get_by_text("You have a place at this event.")).to_be_visible()
    expect(
        second.get_by_role("link", name="https://meet.example.org/opengov-webinar")
    ).to_be_visible()
    second.goto("/en/my-events/")
    expect(second.get_by_text("Confirmed", exact=True)).to_be_visible()
    assert_accessible(second)
    other.close()

    from home.models import OutboxEmail

    reasons = list(
        OutboxEmail.objects.filter(to=ben.email).order_by("pk").values_list("reason", flat=True)
    )
    assert reasons == ["events.waitlisted", "events.promoted"]
