"""A visitor sees the demo's pictures and a member sees people's faces or initials; every
page with pictures and avatars stays free of axe violations, and the pictures load."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import axe_violations, format_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pictured_site(seeded_site, settings, tmp_path):
    from community.demo.seed import seed as seed_community
    from content.demo.seed import seed as seed_content
    from events.demo.seed import seed as seed_events

    settings.MEDIA_ROOT = str(tmp_path)
    for seed in (seed_community, seed_content, seed_events):
        seed(lambda message: None)


def test_pictures_load_and_people_are_named(page, pictured_site):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill("amina.diallo@example.org")
    page.get_by_label("Password").fill("member-demo-2026")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")

    found = {}
    for path in (
        "/en/stories/",
        "/fr/stories/participatory-budget-makueni/",
        "/en/events/global-summit-2027/",
        "/es/members/",
    ):
        assert page.goto(path).status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = format_violations(violations)
    assert found == {}

    # The summit's banner: lazy, and the browser picks one of its WebP widths.
    page.goto("/en/events/global-summit-2027/")
    banner = page.locator("img.hero-image")
    expect(banner).to_have_attribute("loading", "lazy")
    banner.scroll_into_view_if_needed()
    page.wait_for_function("img => img.currentSrc !== ''", arg=banner.element_handle())
    assert banner.evaluate("img => img.currentSrc").endswith(".webp")
    # Speakers' portraits and members' avatars are named for the person.
    expect(page.get_by_role("img", name="Rangi Parata").first).to_be_visible()
    page.goto("/en/members/")
    expect(page.get_by_role("img", name="Carlos Mendoza")).to_be_visible()
