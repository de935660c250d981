"""Fixtures for the tests of messaging's surfaces (buttons, settings, header, /me/).

``start_route``: the "Message" button links to ``messaging:start`` (the start form, built
with the inbox). Where that route is not there yet, a stand-in answers at the same place,
so the buttons can be tested; once it is there the real one is used.
"""

from django.http import HttpResponse
from django.urls import NoReverseMatch, URLResolver, clear_url_caches, get_resolver, path, reverse

import pytest


def _forget(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern._reverse_dict.clear()
            pattern._namespace_dict.clear()
            pattern._app_dict.clear()
            pattern._populated = False
            pattern.__dict__.pop("url_patterns", None)
            _forget(pattern.url_patterns)


def _refresh() -> None:
    clear_url_caches()
    _forget(get_resolver().url_patterns)


def _start_url() -> str | None:
    try:
        return reverse("messaging:start")
    except NoReverseMatch:
        return None


@pytest.fixture
def start_route():
    existing = _start_url()
    if existing:
        yield existing
        return
    from messaging import urls

    stand_in = path("new/", lambda request: HttpResponse("start"), name="start")
    urls.urlpatterns.append(stand_in)
    _refresh()
    try:
        yield reverse("messaging:start")
    finally:
        urls.urlpatterns.remove(stand_in)
        _refresh()


@pytest.fixture
def directory(site):
    """The member directory under the English home page: /en/members/."""
    from community.factories import DirectoryPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    page = DirectoryPageFactory(parent=home, title="Members", slug="members")
    page.save_revision().publish()
    return page


def message_links(response, start_url: str) -> list[str]:
    """The profile ids the page's "Message" buttons write to."""
    import re

    html = response.content.decode()
    return re.findall(re.escape(start_url) + r"\?to=(\d+)", html)
