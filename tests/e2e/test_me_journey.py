"""A member signs in and lands in their own space, reachable from the header on every
page; the space fits a phone in three languages and passes axe (issue 11)."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.members import build_member_world, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member_world(seeded_site):
    return build_member_world()


def test_a_member_signs_in_and_lands_in_their_space(page, member_world):
    sign_in(page, member_world["member"])
    expect(page).to_have_url(re.compile(r"/en/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My space")
    events = page.locator("#me-events")
    expect(events).to_contain_text(member_world["event"].title)
    expect(events).to_contain_text("Ticket confirmed")
    expect(page.locator("#me-network")).to_contain_text("Grace Wanjiru")
    expect(page.locator("#me-notifications")).to_contain_text("Grace Wanjiru accepted")
    page.goto("/fr/")
    page.get_by_role("navigation", name="Votre compte").get_by_role(
        "link", name="Mon espace"
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_my_space_fits_a_phone_and_passes_axe(page, member_world, language):
    sign_in(page, member_world["member"])
    page.wait_for_url("**/en/me/")
    for width in (320, 360, 390):
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(f"/{language}/me/")
        assert response.status == 200
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"/{language}/me/ is {scroll}px wide at {width}px"
    assert_accessible(page)
