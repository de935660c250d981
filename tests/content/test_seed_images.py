"""A demo seeded before pictures existed gets them on the next seed (its own module: the
content tree other modules share has pages without pictures)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def site(fresh_site):
    return fresh_site


def test_pages_seeded_before_the_demo_had_pictures_get_one_on_the_next_seed(site):
    from wagtail.images import get_image_model

    from content.demo.seed import seed
    from content.models import StoryPage

    seed(lambda message: None)
    StoryPage.objects.update(listing_image=None)  # as a demo seeded before issue 11
    images = get_image_model().objects.count()
    seed(lambda message: None)
    stories = StoryPage.objects.live()
    assert stories.exists() and not stories.filter(listing_image__isnull=True).exists()
    for story in stories:  # the editor's latest revision agrees, so a re-publish keeps it
        assert story.get_latest_revision_as_object().listing_image_id == story.listing_image_id
    assert get_image_model().objects.count() == images  # reused, not drawn again
