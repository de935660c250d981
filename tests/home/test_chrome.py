"""The site chrome (home/chrome.py): the header and footer cost no query once shared,
whatever the number of links, and an editor's change shows on the next page."""

import pytest

from home.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def _about(language="en"):
    return StandardPage.objects.filter(locale__language_code=language).first()


def _navigation(count):
    pages = list(StandardPage.objects.filter(locale__language_code="en").live()[:count])
    assert pages
    links = [{"type": "link", "value": {"label": "", "page": p.pk, "url": ""}} for p in pages]
    links += [
        {"type": "link", "value": {"label": f"Elsewhere {n}", "page": None, "url": "https://x.org"}}
        for n in range(count)
    ]
    row = SiteSettings.objects.get(locale__language_code="en")
    row.navigation = links
    row.footer_links = links
    row.save()
    return len(links)


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # shares the chrome
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    return len(queries), response.content.decode(), sql


def test_the_chrome_costs_no_query_for_a_visitor_whatever_its_size(site, client):
    url = _about().url
    counts = {}
    for links in (1, 3):
        _navigation(links)
        counts[links], body, sql = _page_queries(client, url)
        assert body.count(f"Elsewhere {links - 1}") == 2  # in the header and the footer
        for table in ("home_sitesettings", "wagtailcore_site", "wagtailcore_locale"):
            assert f'FROM "{table}"' not in sql  # joined to the page it is (free), never read
    assert counts[1] == counts[3]


@pytest.mark.parametrize("links", [1, 3])
def test_the_chrome_costs_two_queries_for_a_member(site, client, member, links):
    _navigation(links)
    url = _about().url
    visitor, _, _ = _page_queries(client, url)
    client.force_login(member)
    signed_in, body, _ = _page_queries(client, url)
    assert "Sign out" in body
    assert signed_in - visitor <= 2  # the member and the header's counts: one query each


def test_an_editors_change_to_the_header_shows_on_the_next_page(site, client):
    url = _about().url
    assert "New tagline" not in client.get(url).content.decode()
    row = SiteSettings.objects.get(locale__language_code="en")
    row.tagline = "New tagline"
    row.save()
    assert "New tagline" in client.get(url).content.decode()


def test_a_renamed_or_unpublished_navigation_page_leaves_the_header(site, client):
    about = _about()
    url = _about("fr").url
    client.get(url)
    about_fr = _about("fr")
    about_fr.title = "À propos, renommé"
    about_fr.save_revision().publish()
    body = client.get(url).content.decode()
    assert "À propos, renommé" in body
    privacy = SiteSettings.objects.get(locale__language_code="en").footer_links[0].value["page"]
    privacy.unpublish()
    assert privacy.url not in client.get(about.url).content.decode()


def test_the_current_page_is_marked_in_the_navigation(site, client):
    about = _about()
    body = client.get(about.url).content.decode()
    assert f'<a href="{about.url}" aria-current="page">' in body
