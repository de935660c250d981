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


def test_a_page_without_a_kind_falls_back_to_its_verbose_name():
    with translation.override("en"):
        assert kind_name(StandardPage()) == "Standard page"
