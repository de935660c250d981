"""Every page fits the screen it is read on: no page scrolls sideways on a 320, 360 or
390 px phone or a 768 px tablet, in English, French or Spanish, signed in or not; and a
phone downloads less than 100 KB of HTML, CSS and JavaScript for a page.

One demo site is seeded for all pages. Each page is loaded once per language and then
measured at every width by resizing the window (the layout is CSS only, so a resize is
what a reload would show), which keeps the walk through ~40 page types fast."""

import pytest
from playwright.sync_api import expect

from tests.pages import MEMBER_EMAIL, member_pages, seed_demo_site, visitor_pages

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "fr", "es"]
WIDTHS = [768, 390, 360, 320]
BUDGET = 100 * 1024  # bytes of HTML + CSS + JS a phone downloads for one page


def overflow(page):
    """How wide the document is, and the widest elements that stick out of the window
    (outside any box that scrolls on its own), to name in the failure."""
    return page.evaluate(
        """() => {
          const width = innerWidth, culprits = [];
          for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.right <= width + 1) continue;
            let scroller = false;
            for (let p = el.parentElement; p; p = p.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) { scroller = true; break; }
            }
            if (!scroller) culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.classList.length ? '.' + [...el.classList].join('.') : ''} (${Math.round(box.right)}px)`);
          }
          return {scrollWidth: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 3)};
        }"""
    )


def walk(page, pages, who, found):
    for name, path in pages.items():
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        response = page.goto(path)
        expected = 404 if name == "404" else 200
        if response.status != expected:
            found[f"{who}, {name} {path}"] = f"status {response.status}"
            continue
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            measured = overflow(page)
            if measured["scrollWidth"] > measured["width"]:
                found[f"{who}, {name} {path} at {width}px"] = (
                    f"{measured['scrollWidth']}px wide: {', '.join(measured['culprits'])}"
                )


def sign_in(page, email):
    from community.demo.seed import PASSWORD

    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def test_no_page_scrolls_sideways_on_a_phone(page, browser, live_server):
    """Visitors and a signed-in member, every page type, three languages, four widths."""
    from django.contrib.auth import get_user_model

    seed_demo_site()
    found = {}
    for language in LANGUAGES:
        walk(page, visitor_pages(language), f"visitor in {language}", found)

    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    signed_in = context.new_page()
    sign_in(signed_in, MEMBER_EMAIL)
    for language in LANGUAGES:
        walk(signed_in, member_pages(language, member), f"member in {language}", found)
    context.close()
    assert found == {}, "Pages wider than the screen:\n" + "\n".join(
        f"{where}: {what}" for where, what in found.items()
    )


def page_weight(page, path):
    """Bytes of the HTML, CSS and JavaScript the browser took to show ``path``, as the
    page's own resource timing reports them (decoded, so compression only does better)."""
    assert page.goto(path).status == 200, path
    page.wait_for_load_state("load")
    entries = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
              .map(e => [e.name, e.initiatorType, e.decodedBodySize])"""
    )
    sizes = {
        url: size
        for url, initiator, size in entries
        if initiator == "navigation" or url.split("?")[0].endswith((".css", ".js"))
    }
    return sum(sizes.values()), sizes


def test_a_phone_downloads_less_than_100_kb_of_html_css_and_js(page):
    from content.models import StoryPage
    from events.models import EventIndexPage, EventPage

    seed_demo_site(
        only={"home.demo.seed", "content.demo.seed", "events.demo.seed", "home.demo.finish"}
    )
    page.set_viewport_size({"width": 390, "height": 844})
    paths = [
        "/en/",
        "/fr/",
        StoryPage.objects.live().filter(locale__language_code="es").first().url,
        EventIndexPage.objects.live().filter(locale__language_code="fr").first().url,
        EventPage.objects.live().filter(locale__language_code="en").first().url,
        "/en/search/?q=open",
    ]
    heavy = {}
    for path in paths:
        total, sizes = page_weight(page, path)
        assert total > 1000, f"{path}: nothing measured ({sizes})"
        if total >= BUDGET:
            heavy[path] = f"{total / 1024:.0f} KB: {sizes}"
    assert heavy == {}, heavy


@pytest.fixture
def event_listing(seeded_site):
    from events.factories import EventIndexPageFactory
    from home.models import HomePage

    index = EventIndexPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"), title="Events", slug="events"
    )
    index.save_revision().publish()
    return index.url


def test_filters_fold_away_on_a_phone_and_stand_beside_results_on_a_desktop(page, event_listing):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(event_listing)
    type_filter = page.get_by_label("Type")
    expect(type_filter).to_be_hidden()
    page.get_by_text("Filter events", exact=True).click()
    expect(type_filter).to_be_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(event_listing)
    expect(type_filter).to_be_visible()
    filters = page.locator("details.filters").bounding_box()
    results = page.get_by_text("0 events").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"], "the filters sit beside the results"


def test_a_single_checkbox_sits_beside_its_label(page, seeded_site):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/fr/accounts/login/")
    box = page.locator(".field--check input[type=checkbox]").first.bounding_box()
    # The label's words (the box may sit inside the <label> or beside it).
    label = page.locator(".field--check label").first.evaluate(
        """label => {
            const words = [...label.childNodes].find(
                n => n.nodeName !== "INPUT" && n.textContent.trim()
            );
            const range = document.createRange();
            range.selectNodeContents(words);
            const b = range.getBoundingClientRect();
            return {x: b.x, y: b.y, width: b.width, height: b.height};
        }"""
    )
    assert box["x"] + box["width"] <= label["x"], "the box is left of its label"
    assert label["y"] <= box["y"] + box["height"] / 2 <= label["y"] + label["height"], (
        "the box is on the label's first line"
    )
