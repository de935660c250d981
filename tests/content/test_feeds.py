"""Atom feeds are valid RFC 4287 and RSS feeds well formed, every link on SITE_URL; index
pages advertise both feeds in their <head>."""

import re
import xml.etree.ElementTree as ET

from django.test import override_settings

import pytest

from home.site import sync_site

pytestmark = pytest.mark.django_db

ORIGIN = "http://127.0.0.1:8123"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def on_8123(site):
    with override_settings(SITE_URL=ORIGIN):
        sync_site()
        yield site


def parse(response):
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


@pytest.mark.parametrize("index", ["stories", "resources", "news"])
def test_atom_feed_has_what_rfc_4287_requires(client, tree, on_8123, index):
    feed = parse(client.get(f"{tree[index].url}feed/atom/", HTTP_HOST="other.example"))
    assert feed.tag == f"{ATOM}feed"
    for element in (feed, *feed.findall(f"{ATOM}entry")):
        assert element.findtext(f"{ATOM}id"), element
        assert element.findtext(f"{ATOM}title"), element
        assert re.match(r"\d{4}-\d\d-\d\dT", element.findtext(f"{ATOM}updated") or ""), element
        for link in element.findall(f"{ATOM}link"):
            assert link.get("href").startswith(ORIGIN + "/"), link.get("href")
    entries = feed.findall(f"{ATOM}entry")
    assert entries, "the fixture tree has one item per index"
    # RFC 4287 4.1.1: an author on the feed, or on every entry.
    feed_author = feed.find(f"{ATOM}author/{ATOM}name")
    assert (feed_author is not None and feed_author.text) or all(
        e.find(f"{ATOM}author/{ATOM}name") is not None for e in entries
    )
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"{ORIGIN}/en/{index}/feed/atom/"
    assert feed.findtext(f"{ATOM}id") == f"{ORIGIN}/en/{index}/"
    for entry in entries:
        alternate = entry.find(f"{ATOM}link[@rel='alternate']")
        assert alternate.get("href").startswith(f"{ORIGIN}/en/{index}/")


def test_rss_feed_links_are_on_site_url(client, tree, on_8123):
    rss = parse(client.get(f"{tree['stories'].url}feed/rss/", HTTP_HOST="other.example"))
    channel = rss.find("channel")
    assert channel.findtext("link") == f"{ORIGIN}/en/stories/"
    items = channel.findall("item")
    assert items and all(i.findtext("link").startswith(f"{ORIGIN}/en/stories/") for i in items)
    assert all(i.findtext("guid") == i.findtext("link") for i in items)


def test_french_feed_links_stay_in_french(client, tree):
    from django.conf import settings

    feed = parse(client.get("/fr/stories/feed/atom/"))
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert hrefs and all(h.startswith(f"{settings.SITE_URL}/fr/") for h in hrefs)


@pytest.mark.parametrize("index", ["stories", "resources", "news"])
def test_index_pages_advertise_both_feeds(client, tree, index):
    from django.conf import settings

    html = client.get(tree[index].url).content.decode()
    base = f"{settings.SITE_URL}/en/{index}/"
    assert re.search(
        rf'<link rel="alternate" type="application/rss\+xml" title="[^"]+" href="{base}feed/rss/">',
        html,
    )
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="{base}feed/atom/">',
        html,
    )
    # A page without feeds advertises none.
    story = client.get(tree["story"].url).content.decode()
    assert "application/atom+xml" not in story and "application/rss+xml" not in story
