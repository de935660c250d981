"""After the event (issue 16): materials on the event and its sessions, attendees told
once, the page as a record, the members-only rule, and past events that stay findable."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from community.factories import UserFactory
from events import services
from events.embeds import player_src, video_player
from events.models import EventPage, Registration, RegistrationStatus
from home.models import Notification, OutboxEmail, Theme

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def days_ago(n):
    return (timezone.now() - timedelta(days=n)).date()


@pytest.fixture
def slides_file():
    document = get_document_model()(title="Opening slides")
    document.file.save("opening-slides.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 2040), save=False)
    document.save()
    return document


def recording(block_id="rec-1", *, title="Opening plenary", url=YOUTUBE, public=False, **extra):
    value = {"title": title, "url": url, "transcript": "", "public": public, **extra}
    return {"type": "recording", "value": value, "id": block_id}


def slides(document, block_id="slides-1", *, title="Opening slides", public=False):
    value = {"title": title, "document": document.pk, "public": public}
    return {"type": "slides", "value": value, "id": block_id}


def notes(block_id="notes-1", *, text="<p>What we agreed.</p>", public=False):
    value = {"title": "Notes", "text": text, "public": public}
    return {"type": "notes", "value": value, "id": block_id}


def session(block_id="s-1", *, title="Working groups", materials=()):
    value = {
        "day": None,
        "starts_at": "14:00",
        "ends_at": "15:00",
        "title": title,
        "description": "",
        "speakers": [],
        "materials": list(materials),
    }
    return {"type": "session", "value": value, "id": block_id}


def publish(event, *, themes=None, **fields):
    page = EventPage.objects.get(pk=event.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    if themes is not None:
        page.themes.set(themes)
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def past_event(make_event):
    return make_event(
        title="Budget transparency exchange",
        slug="budget-exchange",
        start_date=days_ago(5),
        end_date=days_ago(5),
    )


def _register(event, user, status=RegistrationStatus.CONFIRMED, **extra):
    return Registration.objects.create(
        event=event,
        user=user,
        name=user.get_full_name(),
        email=user.email,
        status=status,
        queue_number=Registration.objects.filter(event=event).count() + 1,
        **extra,
    )


@pytest.fixture
def people(past_event):
    """Confirmed (English), confirmed reading French and checked in, waiting, cancelled."""
    found = {
        "confirmed": UserFactory(name="Ana Confirmed"),
        "french": UserFactory(name="Chloé Française", preferred_language="fr"),
        "spanish": UserFactory(name="Sol Española", preferred_language="es"),
        "waiting": UserFactory(name="Wen Waiting"),
        "gone": UserFactory(name="Gil Gone"),
    }
    _register(past_event, found["confirmed"])
    _register(past_event, found["french"], attended_at=timezone.now() - timedelta(days=5))
    _register(past_event, found["spanish"])
    _register(past_event, found["waiting"], status=RegistrationStatus.WAITLISTED)
    _register(past_event, found["gone"], status=RegistrationStatus.CANCELLED)
    return found


def material_emails():
    return {email.to: email for email in OutboxEmail.objects.filter(reason="events.materials")}


# ---------------------------------------------------------------------------
# Telling attendees
# ---------------------------------------------------------------------------


def test_new_materials_reach_everyone_with_a_place_once_in_their_language(
    past_event, people, slides_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, materials=[recording(), slides(slides_file)])
    emails = material_emails()
    assert set(emails) == {
        people["confirmed"].email,
        people["french"].email,
        people["spanish"].email,
    }
    english = emails[people["confirmed"].email]
    assert english.subject == "Materials from Budget transparency exchange"
    assert "- Recording: Opening plenary" in english.body_text
    assert "- Slides: Opening slides" in english.body_text
    assert "/en/events/budget-exchange/#materials" in english.body_text
    assert "unsubscribe" in english.body_text.lower()  # not essential: it can be turned off
    french = emails[people["french"].email]
    assert french.subject.startswith("Supports") and "Enregistrement" in french.body_text
    assert "/fr/" in french.body_text
    assert emails[people["spanish"].email].subject.startswith("Materiales")
    # In their notification centre too, leading to the materials section.
    link = Notification.objects.get(recipient=people["confirmed"], kind="events.materials").link
    assert link.endswith("/en/events/budget-exchange/#materials")

    # Publishing again, or an edit elsewhere, or removing a material, tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, summary="A better summary")
        publish(past_event, materials=[recording()])
        publish(past_event, materials=[recording(), slides(slides_file)])
    assert OutboxEmail.objects.filter(reason="events.materials").count() == 3

    # Something new is a second message, naming only what is new.
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, materials=[recording(), slides(slides_file), notes()])
    assert OutboxEmail.objects.filter(reason="events.materials").count() == 6
    latest = OutboxEmail.objects.filter(reason="events.materials", to=people["confirmed"].email)
    body = latest.order_by("pk").last().body_text
    assert "- Notes: Notes" in body and "Opening plenary" not in body


def test_never_for_a_draft_nor_twice_when_the_job_runs_again(
    past_event, people, django_capture_on_commit_callbacks
):
    page = EventPage.objects.get(pk=past_event.pk)
    page.materials = [recording()]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()  # a draft
    assert material_emails() == {}
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert len(material_emails()) == 3
    told = services.tell_attendees(event_id=past_event.pk, materials=["rec-1"])
    assert told == 0
    assert OutboxEmail.objects.filter(reason="events.materials").count() == 3


def test_a_session_material_tells_attendees_and_names_the_session(
    past_event, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, agenda=[session(materials=[notes(text="<p>Group notes</p>")])])
    body = material_emails()[people["confirmed"].email].body_text
    assert "- Notes: Notes" in body


def test_an_old_revision_published_again_does_not_rewind_what_was_told(
    past_event, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, materials=[recording()])
    first = EventPage.objects.get(pk=past_event.pk).revisions.order_by("pk").last()
    with django_capture_on_commit_callbacks(execute=True):
        first.publish()
    assert EventPage.objects.get(pk=past_event.pk).told_materials == ["rec-1"]
    assert OutboxEmail.objects.filter(reason="events.materials").count() == 3


def test_a_cancelled_event_tells_nobody_of_materials(
    past_event, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, status="cancelled", materials=[recording()])
    assert material_emails() == {}


def test_a_member_who_turned_the_kind_off_is_not_emailed(
    past_event, people, django_capture_on_commit_callbacks
):
    from home.models import Delivery, NotificationPreference

    NotificationPreference.objects.create(
        user=people["confirmed"], kind="events.materials", delivery=Delivery.SITE
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(past_event, materials=[recording()])
    assert people["confirmed"].email not in material_emails()
    assert Notification.objects.filter(recipient=people["confirmed"]).exists()


# ---------------------------------------------------------------------------
# The page after the event
# ---------------------------------------------------------------------------


def test_after_its_end_the_page_is_a_record_with_materials_first(client, past_event, slides_file):
    publish(
        past_event,
        materials=[
            recording(transcript="<p>Full transcript of the plenary.</p>"),
            recording("rec-2", title="Panel on another site", url="https://media.example.org/v/1"),
            slides(slides_file),
        ],
        agenda=[session(materials=[notes(text="<p>Working group notes</p>")])],
    )
    html = client.get(past_event.url).content.decode()
    day = past_event.start_date
    assert f"This event took place on {day.day} {day:%B} {day.year}." in html
    # Registration hidden; the calendar links and time-zone picker are gone too.
    assert 'id="registration"' not in html and "Add to your calendar" not in html
    # The materials come before the description and the agenda, which is kept.
    assert html.index('id="materials"') < html.index('id="agenda-title"')
    # A YouTube address plays from the privacy-enhanced host the CSP allows, with a title.
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert 'title="Opening plenary"' in html
    assert f'href="{YOUTUBE}"' in html  # the plain link is always there
    assert "Full transcript of the plenary." in html
    # Another address is a link, no player.
    assert 'href="https://media.example.org/v/1"' in html
    assert html.count("<iframe") == 1
    # Slides: the file, its type and size.
    assert slides_file.url in html and "PDF · 2.0\xa0KB" in html
    # A session's material is under the session, and the agenda links to it.
    assert 'id="materials-s-1"' in html and 'href="#materials-s-1"' in html
    assert "Working group notes" in html


def test_before_its_end_materials_follow_the_description_and_registration_stays(client, make_event):
    event = make_event(title="Upcoming with pre-reading")
    publish(event, materials=[notes(text="<p>Pre-reading</p>")], body="<p>About it</p>")
    html = client.get(event.url).content.decode()
    assert "took place" not in html and 'id="registration"' in html
    assert html.index('id="about-title"') < html.index('id="materials"')


def test_an_event_over_several_days_says_from_when_to_when(client, make_event):
    event = make_event(start_date=days_ago(12), end_date=days_ago(10))
    html = client.get(event.url).content.decode()
    first, last = days_ago(12), days_ago(10)
    assert f"took place from {first.day} {first:%B} {first.year} to {last.day}" in html


def test_the_record_in_french_and_spanish(client, past_event, event_index):
    from wagtail.models import Locale

    from home.demo.seed import translate_page

    publish(past_event, materials=[recording()])
    for code, words in (("fr", "Cet événement a eu lieu le"), ("es", "Este evento tuvo lugar el")):
        locale = Locale.objects.get(language_code=code)
        translate_page(event_index, locale, title=f"Events [{code}]")
        translated = translate_page(
            EventPage.objects.get(pk=past_event.pk),
            Locale.objects.get(language_code=code),
            title=f"Échange [{code}]",
        )
        html = client.get(translated.url).content.decode()
        assert words in html, code
        assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in html  # the link is synchronised


@pytest.mark.parametrize(
    ("viewer", "sees_members_material"),
    [("anonymous", False), ("member", True), ("other_member", True), ("staff", True)],
)
def test_a_members_only_event_keeps_its_materials_for_members_unless_marked_public(
    client, make_event, viewer, sees_members_material, request
):
    event = make_event(
        title="Members exchange", audience="members", start_date=days_ago(3), end_date=days_ago(3)
    )
    event = publish(
        event,
        materials=[
            recording(title="Members recording"),
            notes("notes-public", text="<p>Public summary</p>", public=True),
        ],
        agenda=[session(materials=[notes("notes-s", text="<p>Members notes</p>")])],
    )
    if viewer != "anonymous":
        client.force_login(request.getfixturevalue(viewer))
    html = client.get(event.url).content.decode()
    assert "Public summary" in html  # the editor marked it public
    assert ("Members recording" in html) is sees_members_material
    assert ("Members notes" in html) is sees_members_material
    assert ("youtube-nocookie" in html) is sees_members_material
    assert ("2 more materials are for members." in html) is not sees_members_material


# ---------------------------------------------------------------------------
# Editors
# ---------------------------------------------------------------------------


def test_a_recording_with_a_bad_address_is_refused_with_a_clear_message(client, staff, past_event):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
    from wagtail.test.utils.form_data import streamfield as stream

    client.force_login(staff)

    def post(url):
        data = nested_form_data(
            {
                "title": past_event.title,
                "slug": past_event.slug,
                "event_type": "webinar",
                "start_date": past_event.start_date.isoformat(),
                "start_time": "14:00",
                "end_date": past_event.end_date.isoformat(),
                "end_time": "15:30",
                "timezone": "UTC",
                "status": "scheduled",
                "attendance_mode": "online",
                "capacity": "10",
                "audience": "public",
                "body": rich_text(""),
                "agenda": stream([]),
                "materials": stream(
                    [
                        (
                            "recording",
                            {
                                "title": "Plenary",
                                "url": url,
                                "transcript": rich_text(""),
                                "public": "",
                            },
                        )
                    ]
                ),
                "questions": inline_formset([]),
                "action-publish": "publish",
            }
        )
        data["working_languages"] = ["en"]
        return client.post(f"/admin/pages/{past_event.pk}/edit/", data)

    for bad in ("not a web address", "javascript:alert(1)", "ftp://example.org/video"):
        response = post(bad)
        assert response.status_code == 200, bad
        (error,) = response.context["form"].errors.as_data()["materials"]
        message = str(error.block_errors[0].block_errors["url"].messages[0])
        assert "starting with https://" in message, bad
    assert list(EventPage.objects.get(pk=past_event.pk).materials.raw_data) == []
    response = post(YOUTUBE)
    assert response.status_code == 302
    assert EventPage.objects.get(pk=past_event.pk).material_kinds == ["recording"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=3", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_only_known_video_addresses_become_players(url, expected):
    found = player_src(url)
    assert (found[1] if found else None) == expected
    assert bool(video_player(url, title="T")) is bool(expected)


# ---------------------------------------------------------------------------
# Past events: findable, dated, badged
# ---------------------------------------------------------------------------


def test_the_past_archive_has_the_filters_newest_first_and_badges(
    client, make_event, event_index, slides_file
):
    theme = Theme.objects.get(slug="climate-action", locale__language_code="en")
    older = make_event(
        title="Older climate meeting",
        event_type="regional",
        country="KE",
        attendance_mode="in_person",
        working_languages=["fr"],
        start_date=days_ago(40),
        end_date=days_ago(40),
    )
    publish(older, materials=[recording()], themes=[theme])
    newer = make_event(
        title="Newer budget webinar",
        start_date=days_ago(4),
        end_date=days_ago(4),
        working_languages=["es"],
    )
    publish(newer, materials=[slides(slides_file)])
    make_event(title="Coming webinar")
    html = client.get(event_index.url).content.decode()
    assert 'href="?when=past"' in html and "Past events" in html
    html = client.get(event_index.url + "?when=past").content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "Coming webinar" not in html
    cards = html.split('<li class="card">')[1:]
    newer_card = next(card for card in cards if newer.title in card)
    older_card = next(card for card in cards if older.title in card)
    assert ">Slides<" in newer_card and ">Recording<" not in newer_card
    assert ">Recording<" in older_card
    cases = {
        "type=regional": [older],
        "region=africa_middle_east": [older],
        "theme=climate-action": [older],
        "format=in_person": [older],
        "format=online": [newer],
        "language=es": [newer],
        "type=global_summit": [],
    }
    for query, expected in cases.items():
        html = client.get(f"{event_index.url}?when=past&{query}").content.decode()
        for page in (older, newer):
            assert (page.title in html) == (page in expected), (query, page.title)
    html = client.get(f"{event_index.url}?when=past&type=global_summit").content.decode()
    assert "No past events match." in html


def _card_date(day) -> str:
    return f"{day.day} {day:%B} {day.year}"


def test_cards_show_the_events_date_never_its_publication_date(
    client, make_event, home, slides_file
):
    from content.factories import ThemeIndexPageFactory, ThemePageFactory
    from home.blocks import FeaturedContentBlock

    theme = Theme.objects.get(slug="climate-action", locale__language_code="en")
    event = make_event(
        title="Zanzibar climate exchange", start_date=days_ago(30), end_date=days_ago(30)
    )
    publish(event, materials=[recording(), slides(slides_file)], themes=[theme])
    published = _card_date(timezone.now().date())
    held = _card_date(event.start_date)

    themes = ThemeIndexPageFactory(parent=home)
    theme_page = ThemePageFactory(parent=themes, theme=theme, title=theme.name, slug=theme.slug)
    theme_page.save_revision().publish()
    search = client.get("/en/search/?q=Zanzibar").content.decode()
    theme_html = client.get(theme_page.url).content.decode()
    block = FeaturedContentBlock()
    featured = block.render(block.to_python({"heading": "Look back", "pages": [event.pk]}))
    for where, html in (("search", search), ("theme page", theme_html), ("home", featured)):
        card = next(c for c in html.split('class="card"')[1:] if "Zanzibar" in c)
        card = card.split("</li>")[0]
        assert held in card, where
        assert published not in card, where
        assert ">Recording<" in card and ">Slides<" in card, where


@pytest.mark.parametrize("size", [2, 8])
def test_the_past_archive_costs_the_same_at_two_sizes(
    client, make_event, event_index, slides_file, size, django_assert_max_num_queries
):
    for n in range(size):
        event = make_event(title=f"Past {n}", start_date=days_ago(n + 2), end_date=days_ago(n + 2))
        publish(event, materials=[recording(), slides(slides_file)])
    client.get(event_index.url + "?when=past")
    with django_assert_max_num_queries(12):
        assert client.get(event_index.url + "?when=past").status_code == 200


def test_an_event_page_with_materials_costs_the_same_for_one_or_many(
    client, past_event, slides_file, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(materials, sessions):
        publish(past_event, materials=materials, agenda=sessions)
        client.get(past_event.url)  # warm the per-process caches a publication resets
        client.get(past_event.url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(past_event.url).content.decode()
        assert "Opening slides" in html
        return len(queries)

    small = count([slides(slides_file)], [session(materials=[slides(slides_file, "s-sl")])])
    many = [slides(slides_file, f"sl-{n}", title=f"Opening slides {n}") for n in range(8)]
    many += [recording(f"rec-{n}") for n in range(4)]
    sessions = [
        session(f"s-{n}", materials=[slides(slides_file, f"s-sl-{n}"), recording(f"s-r-{n}")])
        for n in range(6)
    ]
    large = count(many, sessions)
    assert large <= small
    assert large <= 12  # the site's budget for a public page (tests/home/test_query_budget.py)
    client.force_login(UserFactory())
    assert count(many, sessions) <= 15  # and for a signed-in member


def test_the_page_cache_shows_new_materials_to_the_next_visitor(client, past_event, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get(past_event.url)["X-Page-Cache"] == "miss"
    assert client.get(past_event.url)["X-Page-Cache"] == "hit"
    publish(past_event, materials=[recording(title="Freshly added recording")])
    response = client.get(past_event.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Freshly added recording" in response.content.decode()
