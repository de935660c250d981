"""The demo's pictures: drawn by the project, on every kind of content, made once."""

import re

from django.core.management import call_command

from wagtail.images import get_image_model

import pytest

from awards.models import AwardCategory, AwardProgrammePage
from cohorts.models import CohortPage, ProgrammePage
from community.models import DirectoryPage, User
from content.models import NewsPage, ResourcePage, StoryPage
from events.models import EventPage, Speaker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_seeded_demo_has_pictures_everywhere_made_once(client):
    Image = get_image_model()
    call_command("seed_demo", "--quiet")
    images = Image.objects.count()
    assert 0 < images <= 20  # a few dozen at most, reused across pages
    for image in Image.objects.all():
        assert image.description, image.title  # every picture says what it shows
        assert image.file.size < 120_000, image.title  # small enough to seed fast

    live = {
        "stories": StoryPage.objects.live().exclude(submitted_by__isnull=False),
        "resources": ResourcePage.objects.live(),
        "news": NewsPage.objects.live(),
        "programmes": ProgrammePage.objects.live(),
        "cohorts": CohortPage.objects.live(),
        "awards": AwardProgrammePage.objects.live(),
    }
    for name, pages in live.items():
        assert pages.exists(), name
        assert not pages.filter(listing_image__isnull=True).exists(), name
    assert not EventPage.objects.filter(image__isnull=True).exists()
    assert not Speaker.objects.filter(photo__isnull=True).exists()
    assert not AwardCategory.objects.filter(image__isnull=True).exists()
    # The editor's latest revision has the picture too, so publishing again keeps it.
    story = StoryPage.objects.live().filter(locale__language_code="fr").first()
    assert story.get_latest_revision_as_object().listing_image_id == story.listing_image_id

    call_command("seed_demo", "--quiet")
    assert Image.objects.count() == images

    # A story's hero: WebP renditions at several widths, loaded at once (top of the page).
    html = client.get("/en/stories/participatory-budget-makueni/").content.decode()
    hero = re.search(r'<img [^>]*class="hero-image"[^>]*>', html).group(0)
    assert re.search(r'srcset="[^"]+\.webp 400w|srcset="[^"]+\.webp 640w', hero)
    assert 'loading="eager"' in hero and 'alt="Drawn figures seated' in hero
    html = client.get("/fr/stories/participatory-budget-makueni/").content.decode()
    assert 'alt="Des personnages dessinés assis' in html

    # Cards on a listing: WebP srcset, lazy, decorative (the title beside says it all).
    html = client.get("/en/stories/").content.decode()
    cards = re.findall(r'<img [^>]*class="card__image"[^>]*>', html)
    assert cards and all(
        'loading="lazy"' in c and 'alt=""' in c and ".webp 960w" in c for c in cards
    )

    # The home page's featured cards and site search show pictures too, events included.
    assert 'class="card__image"' in client.get("/en/").content.decode()
    html = client.get("/en/search/?q=summit").content.decode()
    assert 'class="card__image"' in html

    # An event's banner, below the registration panel: lazy.
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    html = client.get(event.url).content.decode()
    banner = re.search(r'<img [^>]*class="hero-image"[^>]*>', html).group(0)
    assert 'loading="lazy"' in banner and ".webp" in banner and 'width="' in banner

    # A member card without a photo shows the initials avatar, named for the person.
    client.force_login(User.objects.get(email="amina.diallo@example.org"))
    directory = DirectoryPage.objects.get(locale__language_code="en")
    html = client.get(directory.url).content.decode()
    avatars = re.findall(r'<svg class="avatar" role="img" aria-label="([^"]+)"', html)
    assert len(avatars) >= 3
    names = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    assert set(names) <= set(avatars)
