"""Pages: creation rules, rendering, the index (filters, archive, pagination, feed), queries."""

from datetime import time, timedelta

from django.utils import timezone

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

import pytest

from community.factories import UserFactory
from events import services
from events.factories import EventPageFactory
from events.models import EventIndexPage, EventPage
from home.models import HomePage, Theme

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    case = WagtailPageTestCase()
    case.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
    case.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
    case.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
    case.assertAllowedSubpageTypes(EventPage, set())


def test_every_page_model_here_has_a_factory():
    from events import factories

    for model in (EventIndexPage, EventPage):
        assert any(
            getattr(getattr(f, "_meta", None), "model", None) is model
            for f in vars(factories).values()
        ), model


def test_times_are_computed_from_local_wall_clock(make_event):
    event = make_event(
        start_date=timezone.now().date() + timedelta(days=30),
        start_time=time(9, 0),
        end_time=time(17, 0),
        timezone="Africa/Nairobi",
    )
    assert event.start.utcoffset() == timedelta(0)
    assert event.start.hour == 6 and event.end.hour == 14


def test_end_before_start_is_refused(event):
    from django.core.exceptions import ValidationError

    event.end_time = time(13, 0)
    with pytest.raises(ValidationError):
        event.full_clean()


def test_index_lists_upcoming_first_and_past_in_the_archive(client, make_event, event_index):
    today = timezone.now().date()
    later = make_event(
        title="Later summit",
        start_date=today + timedelta(days=40),
        end_date=today + timedelta(days=41),
    )
    sooner = make_event(
        title="Sooner webinar",
        start_date=today + timedelta(days=3),
        end_date=today + timedelta(days=3),
    )
    past = make_event(
        title="Old exchange",
        start_date=today - timedelta(days=30),
        end_date=today - timedelta(days=30),
    )
    html = client.get(event_index.url).content.decode()
    assert html.index(sooner.title) < html.index(later.title)
    assert past.title not in html
    html = client.get(event_index.url + "?when=past").content.decode()
    assert past.title in html and sooner.title not in html


def test_index_filters(client, make_event, event_index, site):
    theme = Theme.objects.get(slug="climate-action", locale__language_code="en")
    climate = make_event(
        title="Climate data",
        event_type="regional",
        country="KE",
        attendance_mode="in_person",
        working_languages=["fr", "en"],
    )
    climate.themes.set([theme])
    climate.save_revision().publish()
    webinar = make_event(
        title="Budget webinar",
        event_type="webinar",
        attendance_mode="online",
        working_languages=["es"],
    )
    cases = {
        "type=regional": [climate],
        "type=webinar": [webinar],
        "region=africa_middle_east": [climate],
        "theme=climate-action": [climate],
        "format=online": [webinar],
        "format=in_person": [climate],
        "language=fr": [climate],
        "language=es": [webinar],
        "type=regional&language=es": [],
    }
    for query, expected in cases.items():
        html = client.get(f"{event_index.url}?{query}").content.decode()
        for page in (climate, webinar):
            assert (page.title in html) == (page in expected), (query, page.title)


@pytest.mark.parametrize(
    "query",
    [
        "type=nonsense",
        "page=-1",
        "page=999999",
        "page=abc",
        "region=<script>",
        "theme=" + "x" * 500,
        "when=future",
        "language=zz",
    ],
)
def test_bad_input_never_breaks_the_index(client, event_index, event, query):
    response = client.get(f"{event_index.url}?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_unknown_filters_are_reported(client, event_index, event):
    html = client.get(f"{event_index.url}?type=nonsense").content.decode()
    assert "were not recognised" in html
    assert event.title in html


def test_index_paginates(client, make_event, event_index):
    for n in range(14):
        make_event(title=f"Paged event {n:02d}")
    html = client.get(event_index.url).content.decode()
    assert "Paged event 11" in html and "Paged event 12" not in html
    html = client.get(event_index.url + "?page=2").content.decode()
    assert "Paged event 12" in html and 'aria-label="Pages"' in html


def test_index_query_count_does_not_grow(
    client, make_event, event_index, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            event = make_event()
            services.registration_create(event=event, user=UserFactory())

    fill(2)
    client.get(event_index.url)  # warm caches (site root paths, locales)
    with django_assert_max_num_queries(12) as small:
        assert client.get(event_index.url).status_code == 200
    fill(10)
    client.get(event_index.url)  # new events start a new generation of the shared chrome
    with django_assert_max_num_queries(12) as large:
        assert client.get(event_index.url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_feed_follows_filters(client, make_event, event_index):
    make_event(title="Webinar one", event_type="webinar")
    make_event(title="Summit one", event_type="global_summit", attendance_mode="in_person")
    response = client.get(event_index.url + "feed/?type=global_summit")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Summit one" in body and "Webinar one" not in body
    assert "meet.example.org" not in body  # joining links never in the public feed


def test_event_ics_download(client, event, member):
    body = client.get(event.url + "calendar/").content.decode()
    assert "BEGIN:VEVENT" in body and "Open contracting webinar" in body
    assert event.online_url not in body
    services.registration_create(event=event, user=member)
    client.force_login(member)
    assert event.online_url in client.get(event.url + "calendar/").content.decode()


def test_page_is_creatable_in_the_admin(client, staff, event_index):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    client.force_login(staff)
    data = nested_form_data(
        {
            "title": "Admin-made event",
            "slug": "admin-made-event",
            "event_type": "webinar",
            "start_date": "2031-03-05",
            "start_time": "10:00",
            "end_date": "2031-03-05",
            "end_time": "11:00",
            "timezone": "Europe/Paris",
            "attendance_mode": "online",
            "registration_enabled": "on",
            "capacity": "30",
            "audience": "public",
            "body": rich_text("<p>Hello</p>"),
            "agenda": streamfield([]),
            "materials": streamfield([]),
            "questions": inline_formset(
                [{"label": "Access needs?", "kind": "text", "help_text": "", "choices": ""}]
            ),
        }
    )
    data["working_languages"] = ["en", "fr"]
    url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = EventPage.objects.get(slug="admin-made-event")
    assert page.working_languages == ["en", "fr"]
    assert page.start.isoformat() == "2031-03-05T09:00:00+00:00"
    assert page.questions.count() == 1
    assert Page.objects.filter(pk=page.pk).exists()


def test_factory_builds_a_routable_page(event):
    assert event.get_url() == "/en/events/open-contracting/"
    EventPageFactory.build()


@pytest.mark.parametrize(
    ("language", "index_text", "event_text"),
    [
        ("fr", "Événements à venir", "Se connecter pour s’inscrire"),
        ("es", "Próximos eventos", "Inicie sesión para inscribirse"),
    ],
)
def test_pages_in_french_and_spanish(client, site, language, index_text, event_text):
    from events.demo.seed import seed

    seed(lambda message: None)
    index = EventIndexPage.objects.get(locale__language_code=language)
    html = client.get(index.url).content.decode()
    assert f'<html lang="{language}">' in html and index_text in html
    event = EventPage.objects.get(locale__language_code=language, slug="webinar-climate-budgets")
    html = client.get(event.url).content.decode()
    assert event_text in html


def test_an_agenda_session_outside_the_event_is_refused_in_the_admin(client, staff, event_index):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    client.force_login(staff)
    session = {
        "day": "",
        "starts_at": "09:00",
        "ends_at": "10:00",
        "title": "Too early opening",
        "description": rich_text(""),
        "speakers": streamfield([]),
        "materials": streamfield([]),
    }
    data = nested_form_data(
        {
            "title": "Agenda check",
            "slug": "agenda-check",
            "event_type": "webinar",
            "start_date": "2031-03-05",
            "start_time": "10:00",
            "end_date": "2031-03-05",
            "end_time": "11:00",
            "timezone": "Europe/Paris",
            "attendance_mode": "online",
            "capacity": "30",
            "audience": "public",
            "body": rich_text("<p>Hello</p>"),
            "agenda": streamfield([("session", session)]),
            "materials": streamfield([]),
            "questions": inline_formset([]),
        }
    )
    data["working_languages"] = ["en"]
    response = client.post(f"/admin/pages/add/events/eventpage/{event_index.pk}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    # The editor shows it on the session (Wagtail renders block errors from this JSON).
    (error,) = response.context["form"].errors.as_data()["agenda"]
    assert "“Too early opening” is outside the event" in str(
        error.block_errors[0].non_block_errors.as_data()[0].message
    )
    assert "Too early opening\\u201d is outside the event" in html
    assert not EventPage.objects.filter(slug="agenda-check").exists()
