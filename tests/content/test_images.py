"""Listings with pictures cost the same number of queries for 2 or 12 cards."""

from django.db import reset_queries

import pytest

from content.factories import StoryPageFactory
from home.demo.images import demo_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def add_stories(tree, count, start=0):
    pictures = [demo_image("pattern"), demo_image("map"), demo_image("climate")]
    for number in range(start, start + count):
        page = StoryPageFactory(
            parent=tree["stories"],
            title=f"Pictured {number}",
            slug=f"pictured-{number}",
            listing_image=pictures[number % 3],
        )
        page.themes.add(tree["story"].themes.first())
        page.save_revision().publish()


def test_story_cards_with_pictures_cost_a_bounded_number_of_queries(
    client, tree, django_assert_max_num_queries
):
    add_stories(tree, 2)
    url = tree["stories"].url
    html = client.get(url).content.decode()  # warm caches, make the renditions
    assert html.count('class="card__image"') == 2 and ".webp 960w" in html
    reset_queries()  # Django's query log is capped: start each count from an empty one
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    small_count = len(small.captured_queries)
    assert small_count > 0
    add_stories(tree, 10, start=2)
    client.get(url)  # the new pictures' renditions are made once, on first view
    reset_queries()
    with django_assert_max_num_queries(small_count):
        html = client.get(url).content.decode()
    assert html.count('class="card__image"') >= 10  # one page of cards, each pictured
