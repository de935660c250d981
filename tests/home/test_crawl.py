"""Every live page of the demo is reachable by following links from the home page, in
each language (issue 11: 42 live pages were linked from nowhere)."""

import html as html_lib
import re
from collections import deque
from urllib.parse import parse_qs, urlsplit

from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation

from wagtail.models import Page

import pytest

from home.models import HomePage

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')
#: Pages nobody links to on purpose: the tree's root and the language's home page (the
#: crawl's start).
NOT_LINKED = (HomePage,)
#: A listing's pages are links too; filter combinations are not new pages.
FOLLOWED_PARAMETERS = {"page"}
MAX_FETCHES = 2500


def served_by_wagtail(path: str, language: str) -> bool:
    with translation.override(language):  # i18n_patterns match the active language only
        try:
            return resolve(path).url_name == "wagtail_serve"
        except Resolver404:
            return False


def links(html: str, language: str) -> set[str]:
    found = set()
    for href in HREF.findall(html):
        href = html_lib.unescape(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith(f"/{language}/"):
            continue
        if set(parse_qs(parts.query)) - FOLLOWED_PARAMETERS:
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client, language: str) -> set[str]:
    """Paths of the Wagtail pages reached from the home page by following links."""
    seen, queue, reached = set(), deque([f"/{language}/"]), set()
    while queue and len(seen) < MAX_FETCHES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        if not served_by_wagtail(path, language):
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        reached.add(path)
        queue.extend(links(response.content.decode(), language) - seen)
    return reached


def test_every_live_page_is_linked_from_the_site_in_each_language(client):
    call_command("seed_demo", quiet=True)
    missing = {}
    for language in ("en", "fr", "es"):
        expected = {
            page.url
            for page in Page.objects.live()
            .public()
            .filter(locale__language_code=language, depth__gt=1)
            .specific()
            if not isinstance(page, NOT_LINKED) and page.url
        }
        assert expected, f"the demo has no {language} pages"
        unreached = expected - crawl(client, language)
        if unreached:
            missing[language] = sorted(unreached)
    assert not missing, missing


def test_theme_cards_on_the_home_page_link_to_their_theme_pages(client, site):
    from content.factories import ThemeIndexPageFactory, ThemePageFactory
    from home.models import Theme

    index = ThemeIndexPageFactory(parent=site.root_page.specific, slug="themes")
    theme = Theme.objects.filter(locale__language_code="en").order_by("sort_order").first()
    page = ThemePageFactory(parent=index, theme=theme, title=theme.name, slug=theme.slug)
    html = client.get("/en/").content.decode()
    assert f'<h3><a href="{page.url}">{theme.name}</a></h3>' in html
    without_page = Theme.objects.filter(locale__language_code="en").exclude(pk=theme.pk)[0]
    assert f"<h3>{without_page.name}</h3>" in html  # no page yet: no link
    french = client.get("/fr/").content.decode()
    assert f'href="{page.url}"' in french  # the English page until it is translated
