"""A theme page gathers everything on its theme: open cohorts (a cohort has one theme),
open award calls (the theme sits on the category), upcoming events with their dates,
and past events in an archive of their own (issue 11)."""

from datetime import timedelta

from django.utils import timezone

import pytest

from awards.factories import AwardCategoryFactory, AwardIndexPageFactory, AwardProgrammePageFactory
from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from home.models import Theme

pytestmark = pytest.mark.django_db


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def other_theme(theme):
    return Theme.objects.filter(locale=theme.locale).exclude(pk=theme.pk).first()


@pytest.fixture
def make(site):
    home = site.root_page.specific
    parents = {
        "events": EventIndexPageFactory(parent=home, slug="events"),
        "programme": ProgrammePageFactory(parent=home, slug="leadership"),
        "awards": AwardIndexPageFactory(parent=home, slug="awards"),
    }
    now = timezone.now()

    def event(title, theme, *, days):
        page = EventPageFactory(
            parent=parents["events"], title=title, start_date=(now + timedelta(days=days)).date()
        )
        page.themes.add(theme)
        return published(page)

    def cohort(title, theme, *, open=True):
        window = {}
        if not open:
            window = {
                "applications_open": now - timedelta(days=30),
                "applications_close": now - timedelta(days=10),
            }
        return published(
            CohortPageFactory(parent=parents["programme"], title=title, theme=theme, **window)
        )

    def award(title, theme, *, open=True):
        dates = {}
        if not open:
            dates = {"nominations_open": now + timedelta(days=5)}
            dates["nominations_close"] = now + timedelta(days=20)
            dates["judging_close"] = now + timedelta(days=30)
            dates["announcement_at"] = now + timedelta(days=40)
        page = AwardProgrammePageFactory(parent=parents["awards"], title=title, **dates)
        AwardCategoryFactory(page=page, name="Champions", theme=theme)
        return published(page)

    return {"event": event, "cohort": cohort, "award": award}


def section(html, key):
    start = html.index(f'id="theme-{key}"')
    return html[start : html.index("</section>", start)]


def test_the_theme_page_gathers_calls_events_and_an_archive(client, tree, theme, other_theme, make):
    make["cohort"]("Open cohort on the theme", theme)
    make["cohort"]("Closed cohort on the theme", theme, open=False)
    make["cohort"]("Open cohort on another theme", other_theme)
    make["award"]("Open awards on the theme", theme)
    make["award"]("Awards not open yet", theme, open=False)
    soon = make["event"]("Webinar next week", theme, days=7)
    past = make["event"]("Exchange last month", theme, days=-30)
    make["event"]("Webinar on another theme", other_theme, days=7)

    html = client.get(tree["theme_page"].url).content.decode()
    cohorts = section(html, "cohorts_open")
    assert "Open cohorts" in cohorts and "Open cohort on the theme" in cohorts
    assert "Closed cohort" not in html and "another theme" not in html
    assert "Deadline:" in cohorts  # an open call says when it closes
    calls = section(html, "awards_open")
    assert "Open award calls" in calls and "Open awards on the theme" in calls
    assert "Deadline:" in calls
    assert "Awards not open yet" not in html
    upcoming = section(html, "events_upcoming")
    assert "Webinar next week" in upcoming and "Exchange last month" not in upcoming
    assert f'datetime="{soon.start_date.isoformat()}"' in upcoming
    archive = section(html, "events_past")
    assert "Past events" in archive and "Exchange last month" in archive
    assert f'datetime="{past.start_date.isoformat()}"' in archive  # its date, not publication
    assert "Past</span>" in archive
    # Calls and upcoming events first, the archive last, after the stories and resources.
    order = [html.index(f'id="theme-{key}"') for key in ("cohorts_open", "events_upcoming")]
    assert order == sorted(order)
    assert html.index("Budget story") < html.index('id="theme-events_past"')


def test_the_theme_page_in_french_gathers_the_same(client, tree, theme, make):
    make["cohort"]("Open cohort on the theme", theme)
    make["event"]("Exchange last month", theme, days=-30)
    french = client.get(tree["translations"][("theme_page", "fr")].url).content.decode()
    assert "Cohortes ouvertes" in french and "Open cohort on the theme" in french
    assert "Événements passés" in french and "Exchange last month" in french


def test_the_theme_page_reads_a_bounded_number_of_queries(
    client, tree, theme, make, django_assert_num_queries
):
    def grow(tag, count):
        for n in range(count):
            make["cohort"](f"Cohort {tag}{n}", theme)
            make["award"](f"Awards {tag}{n}", theme)
            make["event"](f"Soon {tag}{n}", theme, days=3 + n)
            make["event"](f"Gone {tag}{n}", theme, days=-3 - n)

    url = tree["theme_page"].url
    grow("a", 1)
    client.get(url)  # warm the per-process caches
    with django_assert_num_queries(QUERIES):
        assert "Gone a0" in client.get(url).content.decode()
    grow("b", 5)
    client.get(url)  # the new content starts a new chrome generation (home.chrome)
    with django_assert_num_queries(QUERIES):
        assert "Gone b0" in client.get(url).content.decode()


#: The page and its theme routed in one query each, every section's rows in two (one UNION
#: ranking each section's first rows, one for those pages), their themes and images
#: loaded together, the reader's themes once, the peers and the thematic network; the
#: site chrome is shared (home.chrome).
QUERIES = 10
