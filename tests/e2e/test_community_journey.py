"""An alumna finds and connects with a peer.

Nadia joins, verifies her email, completes her profile, finds Grace with the
directory's filters and asks to connect; Grace accepts; both see the connection;
Grace hides her profile and Nadia can no longer find her. axe-core checks every page.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import verified_email_link

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase-42"
GRACE = "grace.wanjiru@example.org"
GRACE_PASSWORD = "member-demo-2026"


@pytest.fixture
def community(seeded_site):
    from community.demo.seed import seed

    seed(lambda message: None)


def sign_in(page, email, password):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def sign_out(page):
    page.goto("/en/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()


def test_member_finds_and_connects_with_a_peer(page, community):
    # Sign up and verify the email address.
    page.goto("/en/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Email").fill("nadia@example.org")
    page.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Your name").fill("Nadia Benali")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    page.goto(verified_email_link("nadia@example.org"))
    page.get_by_role("button", name="Confirm").click()

    # Confirming the address signs her in, and a first sign-in lands on the
    # profile form: complete it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit my profile")
    assert_accessible(page)
    page.get_by_label("Headline", exact=True).fill("Open budgets in Tunisian municipalities")
    page.get_by_label("Organisation", exact=True).fill("Al Bawsala")
    page.get_by_label("Sector", exact=True).select_option("civil_society")
    page.get_by_label("Country", exact=True).select_option("TN")
    page.get_by_label("Fiscal openness").check()
    page.get_by_role("button", name="Save my profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    # Preview as a stranger: members-only profiles are invisible to strangers.
    page.get_by_role("link", name="as a stranger sees it").click()
    expect(page.get_by_text("They cannot see your profile at all")).to_be_visible()
    assert_accessible(page)

    # Find Grace with combined filters and ask to connect.
    page.goto("/en/members/")
    assert_accessible(page)
    page.get_by_label("Country", exact=True).select_option("KE")
    page.get_by_label("Sector", exact=True).select_option("civil_society")
    page.get_by_role("button", name="Show members").click()
    expect(page.get_by_role("heading", name="1 member")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Grace Wanjiru", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Wanjiru")
    assert_accessible(page)
    page.get_by_label("Add a short note (optional)").fill(
        "Hello Grace, I would love to compare notes on parliamentary monitoring."
    )
    page.get_by_role("button", name="Send a connection request").click()
    expect(page.get_by_text("Request sent to Grace Wanjiru.")).to_be_visible()
    sign_out(page)

    # Grace sees the badge, accepts.
    sign_in(page, GRACE, GRACE_PASSWORD)
    account = page.get_by_role("navigation", name="Your account")
    expect(account.get_by_role("link", name=re.compile("My network"))).to_contain_text("1")
    account.get_by_role("link", name=re.compile("My network")).click()
    expect(page.get_by_text("compare notes on parliamentary monitoring")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accept Nadia Benali").click()
    expect(page.get_by_text("Request accepted.")).to_be_visible()
    connections = page.locator("#connections + ul")
    expect(connections.get_by_role("link", name="Nadia Benali", exact=True)).to_be_visible()
    sign_out(page)

    # Nadia sees the connection too.
    sign_in(page, "nadia@example.org", PASSWORD)
    page.goto("/en/community/network/")
    expect(
        page.locator("#connections + ul").get_by_role("link", name="Grace Wanjiru", exact=True)
    ).to_be_visible()
    sign_out(page)

    # Grace hides her profile.
    sign_in(page, GRACE, GRACE_PASSWORD)
    page.goto("/en/community/profile/")
    page.get_by_label("Only me").first.check()
    page.get_by_role("button", name="Save my profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    sign_out(page)

    # Nadia no longer finds her, in the directory or at her address.
    sign_in(page, "nadia@example.org", PASSWORD)
    page.goto("/en/members/?q=Grace")
    expect(page.get_by_role("heading", name="0 members")).to_be_visible()
    expect(page.get_by_role("link", name="Grace Wanjiru", exact=True)).to_have_count(0)
    assert_accessible(page)
