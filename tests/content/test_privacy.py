"""Feeds, sitemaps and search contain no hidden member and nothing unpublished or private."""

from django.conf import settings
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from community.factories import UserFactory
from community.models import Visibility
from content.factories import StoryPageFactory
from content.models import StoryPerson
from tests.home import sitemaps

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_member(db):
    user = UserFactory(name="Zora Hiddenname")
    user.profile.display_name = "Zora Hiddenname"
    user.profile.headline = "Whistleblower"
    user.profile.visibility = Visibility.HIDDEN
    user.profile.save()
    return user


@pytest.fixture
def public_member(db):
    user = UserFactory(name="Paulo Publicname")
    user.profile.display_name = "Paulo Publicname"
    user.profile.visibility = Visibility.PUBLIC
    user.profile.save()
    return user


@pytest.fixture
def secrets(tree, hidden_member, public_member):
    story = tree["story"]
    StoryPerson.objects.create(page=story, member=hidden_member, role="Source", consent=True)
    StoryPerson.objects.create(page=story, member=public_member, role="Mayor", consent=True)
    story.save_revision().publish()
    draft = StoryPageFactory(
        parent=tree["stories"], title="Draftonly secret", slug="draft", live=False
    )
    private = StoryPageFactory(parent=tree["stories"], title="Privateonly secret", slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"draft": draft, "private": private}


SECRETS = ("Zora Hiddenname", "Whistleblower", "Draftonly", "Privateonly")


def assert_clean(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_story_names_consenting_visible_people_only(client, tree, secrets, hidden_member):
    html = client.get(tree["story"].url).content.decode()
    assert "Paulo Publicname" in html
    assert_clean(html)
    client.force_login(hidden_member)  # a member sees themself
    assert "Zora Hiddenname" in client.get(tree["story"].url).content.decode()


def test_unconsented_people_are_never_named(client, tree, public_member):
    StoryPerson.objects.create(page=tree["story"], member=public_member, consent=False)
    tree["story"].save_revision().publish()
    assert "Paulo Publicname" not in client.get(tree["story"].url).content.decode()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_are_clean(client, tree, secrets, kind):
    response = client.get(f"{tree['stories'].url}feed/{kind}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Budget story" in text
    assert_clean(text)
    assert "Paulo Publicname" not in text  # feeds carry summaries, never people


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_sitemaps_are_clean(client, tree, secrets, language):
    found = sitemaps.entries(client)
    locs = [entry["loc"] for entry in found]
    assert f"{settings.SITE_URL}/{language}/stories/budget-story/" in locs
    assert f"{settings.SITE_URL}/{language}/stories/" in locs
    story = next(e for e in found if e["loc"].endswith(f"/{language}/stories/budget-story/"))
    assert set(story["alternates"]) == {"en", "fr", "es", "x-default"}
    text = " ".join(locs + [url for e in found for url in e["alternates"].values()])
    assert "/draft/" not in text and "/private/" not in text
    assert_clean(text)


def test_sitemap_index_and_robots(client, tree):
    assert sitemaps.section_urls(client)[0] == f"{settings.SITE_URL}/sitemap-pages.xml"
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()
    # The old per-language address leads to the index.
    old = client.get("/fr/sitemap.xml")
    assert (old.status_code, old["Location"]) == (301, "/sitemap.xml")


@pytest.mark.parametrize("query", ["secret", "Zora", "Whistleblower", "Hiddenname"])
def test_search_is_clean(member_client, tree, secrets, query):
    for viewer in (Client(), member_client):
        response = viewer.get("/en/search/", {"q": query})
        assert response.status_code == 200
        results = response.content.decode().split('id="results-title"')[1]
        assert_clean(results.replace(f"“{query}”", ""))


def test_search_finds_members_as_the_directory_allows(member_client, tree, public_member):
    client = Client()
    assert "Paulo Publicname" in client.get("/en/search/", {"q": "Publicname"}).content.decode()
    public_member.profile.visibility = Visibility.MEMBERS
    public_member.profile.save()
    assert "Paulo Publicname" not in client.get("/en/search/", {"q": "Publicname"}).content.decode()
    assert (
        "Paulo Publicname" in member_client.get("/en/search/", {"q": "Publicname"}).content.decode()
    )
