"""An editor writes a story, has it translated into French and publishes it; a visitor
reading in French finds it through site search and reads it."""

import re

import pytest
from playwright.sync_api import expect

from community.factories import PASSWORD, StaffFactory
from tests.e2e.axe import assert_accessible, axe_violations, format_violations

pytestmark = pytest.mark.django_db(transaction=True)

TITLE_EN = "The water committees of Tambacounda"
TITLE_FR = "Les comités de l'eau de Tambacounda"
SUMMARY_EN = "Villagers now publish what every borehole costs."


@pytest.fixture
def content_site(seeded_site):
    from content.demo.seed import seed

    seed(lambda message: None)


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")


def test_editor_publishes_a_french_story_that_a_visitor_finds(page, content_site, browser):
    from content.models import StoryIndexPage, StoryPage

    editor = StaffFactory(email="editor@example.org", name="Edith Editor")
    index = StoryIndexPage.objects.get(locale__language_code="en")
    sign_in(page, editor.email)

    # The editor writes the story in the admin and publishes it in English.
    page.goto(f"/admin/pages/add/content/storypage/{index.pk}/")
    page.locator("#id_title").fill(TITLE_EN)
    page.locator("#id_summary").fill(SUMMARY_EN)
    page.locator("#id_country").select_option("SN")
    page.get_by_role("button", name="More actions").click()
    page.locator('button[name="action-publish"]').click()
    expect(page.locator(".messages")).to_contain_text("published")
    story = StoryPage.objects.get(title=TITLE_EN)
    assert story.live

    # ... translates it into French with wagtail-localize ...
    page.goto(f"/admin/localize/submit/page/{story.pk}/")
    page.get_by_label("Français").check()
    page.locator('input[type="submit"][value="Submit"]').click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"))
    title_segment = page.locator("li:has(> p.title)")
    expect(title_segment).to_contain_text(TITLE_EN)
    title_segment.get_by_role("button", name="Translate").click()
    title_segment.locator("textarea").fill(TITLE_FR)
    # The segment shows the new text before the server has stored it: wait
    # for the save itself, or "Publish" can race it and publish the English.
    with page.expect_response(
        lambda r: "/strings/" in r.url and r.request.method != "GET"
    ) as saved:
        title_segment.get_by_role("button", name="Save").click()
    assert saved.value.ok, saved.value.status
    expect(title_segment).to_contain_text(TITLE_FR)
    page.get_by_role("button", name=re.compile("Publish in")).click()
    expect(page.locator(".messages")).to_contain_text(f"Published '{TITLE_FR}' in Français")
    french = StoryPage.objects.get(title=TITLE_FR)
    assert french.live and french.locale.language_code == "fr"

    # A visitor reading in French searches for it, finds it and reads it.
    visitor = browser.new_context(base_url=page.url.split("/admin")[0], locale="fr-FR")
    reader = visitor.new_page()
    reader.goto("/fr/search/")
    assert_accessible(reader)
    reader.get_by_label("Rechercher").fill("Tambacounda")
    reader.get_by_role("button", name="Rechercher").click()
    expect(reader.get_by_role("heading", name="Récits")).to_be_visible()
    assert_accessible(reader)
    reader.get_by_role("link", name=TITLE_FR).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE_FR)
    expect(reader.locator("html")).to_have_attribute("lang", "fr")
    assert_accessible(reader)
    visitor.close()


CONTENT_PAGES = [
    "/fr/stories/",
    "/es/resources/",
    "/en/news/",
    "/fr/themes/anti-corruption/",
    "/es/resources/open-government-guide/",
    "/fr/resources/open-government-guide/getting-started/",
    "/en/stories/participatory-budget-makueni/",
    "/fr/search/?q=budget",
]


def test_content_pages_have_no_axe_violations(page, content_site):
    """Every content page type, in the three languages, on one seeded site (seeding it
    once per page cost more than the checks)."""
    found = {}
    for path in CONTENT_PAGES:
        assert page.goto(path).status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = format_violations(violations)
    assert found == {}
