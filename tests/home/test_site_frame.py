"""The site frame: pages are served, noticed, searched and listed in sitemaps by what their
models declare (home.frame), never by a list of page types; every address is on SITE_URL.
"""

import re

from django.conf import settings
from django.test import Client, override_settings

from wagtail.models import Locale

import pytest

from community.factories import DirectoryPageFactory, make_member
from community.models import Visibility
from content.factories import StoryIndexPageFactory, StoryPageFactory
from events.factories import EventIndexPageFactory, EventPageFactory
from home.factories import StandardPageFactory
from home.frame import SearchGroup, TranslationNotice
from home.models import HomePage, StandardPage
from home.site import sync_site
from tests.home import sitemaps

pytestmark = pytest.mark.django_db

S = settings.SITE_URL

ORIGIN = "http://127.0.0.1:8123"
ROBOTS_META = re.compile(r'<meta name="robots" content="([^"]*)"', re.I)
MESSAGE_FR = "Cette page n’est pas encore disponible dans votre langue."


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, code, **fields):
    copy = page.copy_for_translation(Locale.objects.get(language_code=code)).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    return publish(copy)


@pytest.fixture
def home(site):
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def frame(home):
    """A page of each journey: a story (translated), an event, the directory, and members
    with public profiles, one opted in to search engines."""
    stories = publish(StoryIndexPageFactory(parent=home, slug="stories"))
    story = publish(StoryPageFactory(parent=stories, title="Budget story", slug="budget"))
    for code in ("fr", "es"):
        translate(stories, code)
        translate(story, code, title=f"Budget story [{code}]")
    events = publish(EventIndexPageFactory(parent=home, slug="events"))
    publish(EventPageFactory(parent=events, slug="summit"))
    directory = publish(DirectoryPageFactory(parent=home, title="Members", slug="members"))
    opted = make_member(
        display_name="Opted Inez", visibility=Visibility.PUBLIC, allow_search_engines=True
    )
    quiet = make_member(display_name="Quiet Quentin", visibility=Visibility.PUBLIC)
    return {"story": story, "directory": directory, "opted": opted, "quiet": quiet}


def _noindex(response) -> bool:
    header = response.get("X-Robots-Tag", "")
    metas = ROBOTS_META.findall(response.content.decode()) if response.content else []
    return "noindex" in header.lower() or any("noindex" in m.lower() for m in metas)


def test_every_url_in_the_sitemap_answers_and_none_asks_not_to_be_indexed(client, frame):
    locs = sitemaps.locations(client)
    assert len(locs) == len(set(locs))
    visitor = Client()
    for loc in locs:
        response = visitor.get(sitemaps.local(loc))
        assert response.status_code == 200, loc
        assert not _noindex(response), loc
    # Pages of every journey, in every language, and the opted-in member's profile.
    for code in ("en", "fr", "es"):
        assert f"{S}/{code}/stories/budget/" in locs
        assert f"{S}/{code}/community/members/{frame['opted'].profile.pk}/" in locs
    assert f"{S}/en/events/summit/" in locs
    # The directory sends noindex, so it is not listed; nor is a member who did not opt in.
    assert not any("/members/" in loc and "/community/" not in loc for loc in locs)
    assert not any(f"/members/{frame['quiet'].profile.pk}/" in loc for loc in locs)
    directory = visitor.get("/en/members/")
    assert directory.status_code == 200 and _noindex(directory)
    assert directory["X-Robots-Tag"] == "noindex, follow"


def test_a_page_model_that_declares_noindex_leaves_the_sitemap(client, home, monkeypatch):
    page = publish(StandardPageFactory(parent=home, title="Quiet page", slug="quiet"))
    assert f"{S}/en/quiet/" in sitemaps.locations(client)
    monkeypatch.setattr(StandardPage, "noindex", True, raising=False)
    response = client.get("/en/quiet/")
    assert response["X-Robots-Tag"] == "noindex, follow"
    assert ROBOTS_META.findall(response.content.decode()) == ["noindex, follow"]
    locs = sitemaps.locations(client)
    assert page.url not in locs and not any(loc.endswith("/quiet/") for loc in locs)


def test_sitemap_alternates_and_x_default(client, frame):
    story = next(e for e in sitemaps.entries(client) if e["loc"] == f"{S}/fr/stories/budget/")
    assert story["alternates"] == {
        "en": f"{S}/en/stories/budget/",
        "fr": f"{S}/fr/stories/budget/",
        "es": f"{S}/es/stories/budget/",
        "x-default": f"{S}/stories/budget/",
    }
    # x-default lets the site choose the reader's language.
    assert client.get("/stories/budget/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == (
        "/es/stories/budget/"
    )


def test_the_translation_notice_is_a_page_attribute(client, home, monkeypatch):
    publish(StandardPageFactory(parent=home, title="English only", slug="english-only"))
    # Default: the kernel tells the reader in their language.
    html = client.get("/fr/english-only/").content.decode()
    assert "English only" in html and MESSAGE_FR in html
    # A model that shows the notice itself gets no message from the kernel.
    monkeypatch.setattr(StandardPage, "translation_notice", TranslationNotice.NONE, raising=False)
    html = client.get("/fr/english-only/").content.decode()
    assert "English only" in html and MESSAGE_FR not in html


def test_content_pages_name_the_source_language_inline(client, frame):
    stories = frame["story"].get_parent()
    publish(StoryPageFactory(parent=stories, title="Only English", slug="only-english"))
    html = client.get("/fr/stories/only-english/").content.decode()
    assert "Cette page n’a pas encore été traduite dans votre langue" in html
    assert MESSAGE_FR not in html


def test_search_groups_come_from_the_page_models(client, home, monkeypatch):
    publish(StandardPageFactory(parent=home, title="Zanzibar charter", slug="charter"))
    html = client.get("/en/search/", {"q": "Zanzibar"}).content.decode()
    assert 'id="group-pages"' in html and "Zanzibar charter" in html
    monkeypatch.setattr(
        StandardPage, "search_group", SearchGroup("about", "About us", 5), raising=False
    )
    html = client.get("/en/search/", {"q": "Zanzibar"}).content.decode()
    assert 'id="group-about"' in html and 'id="group-pages"' not in html
    assert '<option value="about">About us</option>' in html
    html = client.get("/en/search/", {"q": "Zanzibar", "type": "about"}).content.decode()
    assert "Zanzibar charter" in html


def test_search_lists_members_from_the_community_source(client, frame):
    html = client.get("/en/search/", {"q": "Inez"}).content.decode()
    assert 'id="group-members"' in html and "Opted Inez" in html
    html = client.get("/en/search/", {"q": "Inez", "type": "stories"}).content.decode()
    assert "Opted Inez" not in html


@pytest.fixture
def on_8123(site):
    with override_settings(SITE_URL=ORIGIN):
        sync_site()
        yield site


def test_canonical_and_hreflang_follow_site_url(client, on_8123, frame):
    html = client.get("/fr/stories/budget/", HTTP_HOST="other.example").content.decode()
    assert f'<link rel="canonical" href="{ORIGIN}/fr/stories/budget/">' in html
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert alternates == {
        "en": f"{ORIGIN}/en/stories/budget/",
        "es": f"{ORIGIN}/es/stories/budget/",
        "fr": f"{ORIGIN}/fr/stories/budget/",
        "x-default": f"{ORIGIN}/en/stories/budget/",
    }
    robots = client.get("/robots.txt", HTTP_HOST="other.example").content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots


def test_a_search_with_a_nul_character_answers_like_any_other(client, home):
    """Nobody types NUL, but a crafted address must not crash the full-text search."""
    response = client.get("/en/search/?q=budget%00")
    assert response.status_code == 200
    assert client.get("/en/search/?q=%00").status_code == 200


def test_a_type_that_many_pages_match_never_hides_another_on_the_search_page(client, home):
    """The best hits are read for every group at once; a group they leave short is searched
    again alone, so one event among many better-matching stories still shows."""
    from home.search import GROUP_PREVIEW, page_groups

    stories = publish(StoryIndexPageFactory(parent=home, slug="stories"))
    for n in range(GROUP_PREVIEW * (len(page_groups()) + 1)):
        publish(
            StoryPageFactory(
                parent=stories,
                title=f"Zanzibar Zanzibar Zanzibar {n}",
                slug=f"zanzibar-{n}",
            )
        )
    events = publish(EventIndexPageFactory(parent=home, slug="events"))
    publish(EventPageFactory(parent=events, title="A meeting in Zanzibar", slug="meeting"))
    html = client.get("/en/search/", {"q": "Zanzibar"}).content.decode()
    assert 'id="group-stories"' in html and 'id="group-events"' in html
    assert "A meeting in Zanzibar" in html
    assert html.count("Zanzibar Zanzibar Zanzibar") == GROUP_PREVIEW
