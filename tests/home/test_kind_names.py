"""Issue 11: cards name content as people do, never a model's verbose_name."""

from django.utils import translation

import pytest

from awards.models import AwardProgrammePage
from cohorts.models import CohortPage
from content.models import GuidePage, NewsPage, ResourcePage, StoryPage, ThemePage
from events.models import EventPage
from home.models import StandardPage
from home.templatetags.home_tags import kind_name

pytestmark = pytest.mark.django_db


def test_each_kind_has_the_name_people_use():
    expected = {
        StoryPage: "Story",
        ResourcePage: "Resource",
        GuidePage: "Resource",
        NewsPage: "News",
        ThemePage: "Theme",
        EventPage: "Event",
        CohortPage: "Cohort",
        AwardProgrammePage: "Award",
    }
    with translation.override("en"):
        assert {cls: kind_name(cls()) for cls in expected} == expected


def test_the_names_are_translated():
    with translation.override("fr"):
        assert kind_name(StoryPage()) != "Story"


def test_every_page_type_of_the_project_has_a_name_people_use():
    """No card, search result or eyebrow ever shows a verbose name like "Standard page"."""
    from wagtail.models import Page, get_page_models

    unnamed = [
        m.__name__
        for m in get_page_models()
        if m is not Page and not getattr(m, "kind_label", None)
    ]
    assert not unnamed
    with translation.override("en"):
        assert kind_name(StandardPage()) == "Page"
    for language in ("fr", "es"):
        with translation.override(language):
            names = {str(m.kind_label) for m in get_page_models() if m is not Page}
            english = {"Page", "Home", "Members", "Programme", "Events", "Awards", "Stories"}
            assert len(names & english) <= 2, (language, names)  # « Page », « Programme »
