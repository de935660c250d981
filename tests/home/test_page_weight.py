"""What a phone downloads to open a page with pictures: the HTML, its stylesheets and
scripts, and the pictures it loads at once (the lazy ones wait until they are scrolled to)
stay under 200 KB (issue 11). The browser test in tests/e2e/test_fit.py holds HTML, CSS and
JavaScript alone to 100 KB."""

from html.parser import HTMLParser

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

import pytest

pytestmark = pytest.mark.django_db

BUDGET = 200 * 1024
PHONE = 390  # CSS pixels


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.styles, self.scripts, self.pictures = [], [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.styles.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "img" and a.get("loading") != "lazy":
            self.pictures.append(a)


def _phone_choice(img: dict) -> str:
    """The candidate a 390 px phone picks from ``srcset``: the narrowest at least as wide
    as the screen, else the widest."""
    candidates = []
    for part in (img.get("srcset") or "").split(","):
        if part.strip():
            url, width = part.split()
            candidates.append((int(width.rstrip("w")), url))
    if not candidates:
        return img["src"]
    wide_enough = [c for c in sorted(candidates) if c[0] >= PHONE]
    return (wide_enough[0] if wide_enough else max(candidates))[1]


def _static_size(url: str) -> int:
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert path, f"{url} is not a static file"
    with open(path, "rb") as file:
        return len(file.read())


def _media_size(url: str) -> int:
    return default_storage.size(url.removeprefix(settings.MEDIA_URL))


def weigh(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assets = _Assets()
    assets.feed(response.content.decode())
    pictures = {_phone_choice(img): None for img in assets.pictures}
    sizes = {"html": len(response.content)}
    sizes |= {url: _static_size(url) for url in assets.styles + assets.scripts}
    sizes |= {url: _media_size(url) for url in pictures if url.startswith(settings.MEDIA_URL)}
    return sizes, len(pictures)


@pytest.fixture(scope="module")
def _demo(_module_site):
    from content.demo.seed import seed as content
    from events.demo.seed import seed as events

    content(lambda message: None)
    events(lambda message: None)


def test_a_phone_opens_a_page_with_pictures_in_under_200_kb(client, site, _demo):
    from content.models import StoryPage
    from events.models import EventPage

    story = StoryPage.objects.live().filter(locale__language_code="es").first()
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    assert story.listing_image_id and event.image_id
    heavy = {}
    for path in ("/en/", story.url, event.url):
        sizes, pictures = weigh(client, path)
        if path == story.url:  # (an event's banner comes after its facts: lazy)
            assert pictures >= 1, f"{path}: its banner is not loaded at once"
        if sum(sizes.values()) >= BUDGET:
            heavy[path] = f"{sum(sizes.values()) / 1024:.0f} KB: {sizes}"
    assert heavy == {}, heavy
