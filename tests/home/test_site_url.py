"""SITE_URL is the one address: emails, calendar files, sitemaps and canonical links use it,
whatever host the request came in on and whatever the Wagtail Site record said."""

import base64
import re

from django.test import override_settings

import pytest

from community.factories import UserFactory
from home.models import OutboxEmail
from home.site import sync_site

pytestmark = pytest.mark.django_db

ORIGIN = "http://127.0.0.1:8123"
LOC = re.compile(r"<loc>([^<]+)</loc>")


@pytest.fixture
def on_8123(site):
    with override_settings(SITE_URL=ORIGIN):
        sync_site()
        yield site


def _event(site):
    from events.factories import EventIndexPageFactory, EventPageFactory

    index = EventIndexPageFactory(parent=site.root_page.specific, slug="events")
    index.save_revision().publish()
    event = EventPageFactory(parent=index, slug="summit")
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def test_the_wagtail_site_follows_site_url(on_8123):
    on_8123.refresh_from_db()
    assert (on_8123.hostname, on_8123.port) == ("127.0.0.1", 8123)


def test_event_email_and_its_calendar_file_use_the_origin(on_8123):
    from events import services

    event = _event(on_8123)
    member = UserFactory(preferred_language="fr")
    services.registration_create(event=event, user=member)
    from home import outbox

    outbox.deliver(OutboxEmail.objects.get(reason="events.confirmation").pk)  # renders it
    email = OutboxEmail.objects.get(reason="events.confirmation")
    urls = re.findall(r"https?://[^\s]+", email.body_text)
    ours = [u for u in urls if "meet.example.org" not in u]
    assert ours and all(u.startswith(ORIGIN + "/fr/") or u.startswith(ORIGIN + "/") for u in ours)
    [attachment] = email.attachments
    ics = base64.b64decode(attachment["content"]).decode()
    unfolded = ics.replace("\r\n ", "")
    assert f"URL:{ORIGIN}/fr/events/summit/" in unfolded
    assert re.search(r"UID:event-[0-9a-f-]+@127\.0\.0\.1\r?\n", unfolded)
    assert "localhost" not in unfolded


def test_downloaded_calendar_file_uses_the_origin_not_the_request_host(client, on_8123):
    event = _event(on_8123)
    response = client.get(f"{event.url}calendar/", HTTP_HOST="other.example")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode().replace("\r\n ", "")
    assert f"URL:{ORIGIN}/en/events/summit/" in body
    assert "other.example" not in body


def test_sitemaps_use_the_origin(client, on_8123):
    _event(on_8123)
    index = client.get("/sitemap.xml", HTTP_HOST="other.example").content.decode()
    sections = LOC.findall(index)
    assert sections and all(s.startswith(ORIGIN + "/") for s in sections)
    urls = []
    for section in sections:
        body = client.get(section.removeprefix(ORIGIN), HTTP_HOST="other.example").content.decode()
        urls += LOC.findall(body) + re.findall(r'href="(https?://[^"]+)"', body)
    assert any(u.endswith("/events/summit/") for u in urls)
    assert all(u.startswith(ORIGIN + "/") for u in urls), [u for u in urls if ORIGIN not in u]


def test_a_storys_canonical_and_hreflang_links_use_the_origin(client, on_8123):
    from content.factories import StoryIndexPageFactory, StoryPageFactory

    stories = StoryIndexPageFactory(parent=on_8123.root_page.specific, slug="stories")
    story = StoryPageFactory(parent=stories, slug="budget")
    story.save_revision().publish()
    html = client.get("/en/stories/budget/", HTTP_HOST="other.example").content.decode()
    assert f'rel="canonical" href="{ORIGIN}/en/stories/budget/"' in html
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)
    assert all(a.startswith(ORIGIN + "/") for a in alternates)
    assert "other.example" not in html
