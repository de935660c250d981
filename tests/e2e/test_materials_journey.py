"""After the event: a visitor finds a past event in the archive, opens its record and
its materials, on a phone (320 px) and on a desktop; axe-core checks each page."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = os.environ.get("SCREENSHOTS_DIR", "")


@pytest.fixture
def past_event(seeded_site):
    from wagtail.documents import get_document_model

    from events.factories import EventIndexPageFactory, EventPageFactory
    from events.models import EventPage
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    day = (timezone.now() - timedelta(days=20)).date()
    event = EventPageFactory(
        parent=index,
        title="Open budgets learning exchange",
        slug="open-budgets",
        event_type="learning_exchange",
        start_date=day,
        end_date=day,
        summary="Reformers compared how they opened their budgets.",
        body="<p>Three countries, one question: what made the reform last?</p>",
    )
    event.save_revision().publish()
    document = get_document_model()(title="Exchange slides")
    document.file.save("exchange-slides.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 50000))
    page = EventPage.objects.get(pk=event.pk)
    page.materials = [
        {
            "type": "recording",
            "id": "rec",
            "value": {
                "title": "The whole exchange",
                "url": "https://media.example.org/exchange",
                "transcript": "<p>Transcript: the ministry published every budget line.</p>",
                "public": True,
            },
        },
        {
            "type": "slides",
            "id": "slides",
            "value": {"title": "Exchange slides", "document": document.pk, "public": True},
        },
        {
            "type": "notes",
            "id": "notes",
            "value": {"title": "What we agreed", "text": "<p>Publish the budget.</p>"},
        },
    ]
    page.agenda = [
        {
            "type": "session",
            "id": "opening",
            "value": {
                "title": "Opening",
                "starts_at": "14:00",
                "ends_at": "14:45",
                "description": "",
                "speakers": [],
                "materials": [
                    {
                        "type": "notes",
                        "id": "opening-notes",
                        "value": {"title": "", "text": "<p>Opening remarks.</p>"},
                    }
                ],
            },
        }
    ]
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(("width", "height"), [(320, 900), (1280, 900)])
def test_a_visitor_finds_a_past_event_and_its_materials(page, past_event, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/en/events/")
    page.get_by_role("link", name="Past events", exact=True).click()
    card = page.locator("li.card", has_text="Open budgets learning exchange")
    expect(card.get_by_text("Recording", exact=True)).to_be_visible()
    expect(card.get_by_text("Slides", exact=True)).to_be_visible()
    assert_accessible(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/past-archive-{width}.png", full_page=True)
    card.get_by_role("link", name="Open budgets learning exchange").click()
    expect(page.get_by_text("This event took place on")).to_be_visible()
    expect(page.get_by_role("heading", name="Materials")).to_be_visible()
    expect(page.get_by_role("link", name="Watch the recording")).to_be_visible()
    expect(page.get_by_text("PDF · 48.8")).to_be_visible()
    expect(page.locator("#registration")).to_have_count(0)
    page.get_by_text("Transcript and notes").click()
    expect(page.get_by_text("the ministry published every budget line")).to_be_visible()
    page.get_by_role("link", name="This session’s materials").click()
    expect(page.get_by_text("Opening remarks.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert_accessible(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/past-event-{width}.png", full_page=True)
