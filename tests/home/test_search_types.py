"""Site search offers every type people look for, names results as people do, and
marks past events as past (issue 11)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from awards.factories import AwardIndexPageFactory, AwardProgrammePageFactory
from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from content.factories import StoryIndexPageFactory, StoryPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def pages(site):
    home = site.root_page.specific
    events = EventIndexPageFactory(parent=home, slug="events")
    upcoming = published(EventPageFactory(parent=events, title="Budget webinar", slug="soon"))
    past = published(
        EventPageFactory(
            parent=events,
            title="Budget summit",
            slug="gone",
            start_date=(timezone.now() - timedelta(days=40)).date(),
        )
    )
    programme = ProgrammePageFactory(parent=home, slug="leadership", title="Leadership")
    cohort = published(CohortPageFactory(parent=programme, title="Budget cohort", slug="c"))
    awards = AwardIndexPageFactory(parent=home, slug="awards")
    award = published(AwardProgrammePageFactory(parent=awards, title="Budget awards"))
    stories = StoryIndexPageFactory(parent=home, slug="stories")
    story = published(StoryPageFactory(parent=stories, title="Budget story", slug="s"))
    return {"upcoming": upcoming, "past": past, "cohort": cohort, "award": award, "story": story}


def test_the_type_filter_offers_every_type(client, site):
    html = client.get("/en/search/").content.decode()
    for key, label in [
        ("stories", "Stories"),
        ("events", "Events"),
        ("cohorts", "Cohorts"),
        ("awards", "Awards"),
        ("resources", "Resources"),
        ("news", "News"),
        ("themes", "Themes"),
        ("members", "Members"),
    ]:
        assert f'<option value="{key}">{label}</option>' in html
    french = client.get("/fr/search/").content.decode()
    assert '<option value="events">Événements</option>' in french
    assert '<option value="cohorts">Cohortes</option>' in french


def test_results_are_grouped_and_labelled_as_people_say(client, pages):
    html = client.get("/en/search/", {"q": "Budget"}).content.decode()
    for key in ("events", "cohorts", "awards", "stories"):
        assert f'id="group-{key}"' in html
    for label in ("Event", "Cohort", "Award", "Story"):
        assert f'<p class="card__eyebrow">{label}' in html
    assert "Event page" not in html and "Cohort page" not in html


def test_a_type_filter_narrows_the_results(client, pages):
    html = client.get("/en/search/", {"q": "Budget", "type": "events"}).content.decode()
    assert "Budget webinar" in html and "Budget summit" in html
    assert "Budget cohort" not in html and "Budget story" not in html
    html = client.get("/en/search/", {"q": "Budget", "type": "awards"}).content.decode()
    assert "Budget awards" in html and "Budget webinar" not in html
    html = client.get("/en/search/", {"q": "Budget", "type": "cohorts"}).content.decode()
    assert "Budget cohort" in html and "Budget awards" not in html


def test_past_events_are_marked_past_with_their_event_date(client, pages):
    html = client.get("/en/search/", {"q": "Budget", "type": "events"}).content.decode()
    past = html[html.index("Budget summit") :]
    past = past[: past.index("</li>")]
    assert '<span class="badge">Past</span>' in past
    assert pages["past"].start_date.isoformat() in past  # the event's date, not publication
    upcoming = html[html.index("Budget webinar") :]
    assert '<span class="badge">Past</span>' not in upcoming[: upcoming.index("</li>")]
    spanish = client.get("/es/search/", {"q": "Budget", "type": "events"}).content.decode()
    assert '<span class="badge">Pasado</span>' in spanish
