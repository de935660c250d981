from wagtail.models import Page

import pytest

from content.demo.seed import seed
from content.models import GuideChapterPage, GuidePage, NewsPage, ResourcePage, StoryPage, ThemePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(bare_site):
    """This module builds its own pages: no shared content tree."""
    return bare_site


def test_seed_builds_content_in_three_languages_and_is_idempotent(site, client):
    seed(lambda message: None)
    counts = {
        model: model.objects.count()
        for model in (StoryPage, ResourcePage, GuidePage, GuideChapterPage, NewsPage, ThemePage)
    }
    assert counts[StoryPage] == 10  # nine published, one member proposal in moderation
    assert StoryPage.objects.filter(live=False, submitted_by__isnull=False).count() == 1
    assert counts[GuidePage] == 3 and counts[GuideChapterPage] == 9
    assert counts[NewsPage] == 9 and counts[ThemePage] >= 9
    total = Page.objects.count()
    seed(lambda message: None)
    assert Page.objects.count() == total
    assert {model: model.objects.count() for model in counts} == counts
    for story in StoryPage.objects.all():
        assert story.themes.exists()
    for language, word in (("en", "Makueni"), ("fr", "Makueni"), ("es", "Makueni")):
        html = client.get(f"/{language}/stories/").content.decode()
        assert word in html
    html = client.get("/fr/resources/open-government-guide/").content.decode()
    assert "Le guide du gouvernement ouvert" in html and "Pour commencer" in html
    html = client.get("/es/themes/anti-corruption/").content.decode()
    assert "Abrir todos los contratos" in html
