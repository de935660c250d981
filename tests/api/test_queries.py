"""Every list costs the same number of queries whatever its length (two sizes)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from community.factories import make_member
from community.models import Visibility
from content.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def _grow(kind, n, *, home, make_event, state):
    from home.models import Theme

    theme = Theme.objects.first()
    for _i in range(n):
        number = state.setdefault(kind, 0)
        state[kind] = number + 1
        if kind == "events":
            event = make_event(title=f"E{number}", slug=f"e-{number}")
            if theme:
                event.themes.add(theme)
                event.save()
        elif kind == "stories":
            if "index" not in state:
                state["index"] = StoryIndexPageFactory(parent=home)
            story = StoryPageFactory(parent=state["index"], slug=f"s-{number}")
            if theme:
                story.themes.add(theme)
            story.save_revision().publish()
        else:
            make_member(display_name=f"Member {number:03d}", visibility=Visibility.PUBLIC)


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("events", "/api/v1/events/?page_size=50"),
        ("stories", "/api/v1/stories/?page_size=50"),
        ("members", "/api/v1/members/?page_size=50"),
    ],
)
def test_lists_cost_a_fixed_number_of_queries(client, site, make_event, kind, path):
    from home.models import HomePage

    home = HomePage.objects.get(pk=site.root_page_id)
    state = {}
    _grow(kind, 2, home=home, make_event=make_event, state=state)
    _count(client, path)  # warm the site-wide caches (site root paths, locales)
    small = _count(client, path)
    _grow(kind, 8, home=home, make_event=make_event, state=state)
    _count(client, path)  # new content started a new cache generation: warm it again
    large = _count(client, path)
    assert large == small
    assert small <= 10
