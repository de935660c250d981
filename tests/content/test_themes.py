from django.test import Client

import pytest

from community.factories import UserFactory
from community.models import Visibility
from content.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def peer(name, theme, visibility, open_to=("peer_exchange",)):
    user = UserFactory(name=name)
    profile = user.profile
    profile.display_name = name
    profile.visibility = visibility
    profile.open_to = list(open_to)
    profile.save()
    profile.themes.add(theme)
    return user


def test_theme_page_gathers_everything_tagged_in_any_language(client, tree, theme):
    untagged = StoryPageFactory(parent=tree["stories"], title="Untagged story", slug="untagged")
    html = client.get(tree["theme_page"].url).content.decode()
    for title in (
        "Budget story",
        "Contracting toolkit",
        "Open government guide",
        "Summit announced",
    ):
        assert title in html
    assert untagged.title not in html
    french = client.get(tree["translations"][("theme_page", "fr")].url).content.decode()
    assert "Budget story [fr]" in french and ">Budget story<" not in french


def test_theme_page_shows_peers_only_within_privacy(tree, theme, member):
    peer("Public Peer", theme, Visibility.PUBLIC)
    peer("Members Peer", theme, Visibility.MEMBERS)
    peer("Hidden Peer", theme, Visibility.HIDDEN)
    peer("Not Open Peer", theme, Visibility.PUBLIC, open_to=("mentoring",))
    url = tree["theme_page"].url
    anonymous = Client().get(url).content.decode()
    assert "Public Peer" in anonymous
    assert "Members Peer" not in anonymous and "Hidden Peer" not in anonymous
    assert "Not Open Peer" not in anonymous
    signed_in = Client()
    signed_in.force_login(member)
    html = signed_in.get(url).content.decode()
    assert "Public Peer" in html and "Members Peer" in html
    assert "Hidden Peer" not in html


def test_any_page_model_with_themes_is_gathered():
    from home.selectors import themed_page_models

    labels = {model._meta.label for model in themed_page_models()}
    assert {"content.StoryPage", "content.ResourcePage", "content.NewsPage"} <= labels
    assert "content.GuidePage" not in labels  # gathered through ResourcePage


def test_search_groups_and_filters(client, tree, theme):
    html = client.get("/en/search/", {"q": "story"}).content.decode()
    assert 'id="group-stories"' in html
    html = client.get("/en/search/", {"q": "guide", "type": "resources"}).content.decode()
    assert "Open government guide" in html and 'id="group-stories"' not in html
    html = client.get("/en/search/", {"q": "Budget", "theme": theme.slug}).content.decode()
    assert "Budget story" in html
    for bad in (
        {"q": "x" * 5000},
        {"q": "story", "type": "nope"},
        {"q": "story", "page": "-3"},
        {"q": "story", "type": "stories", "page": "99999"},
        {"theme": "nope"},
    ):
        assert client.get("/en/search/", bad).status_code == 200


def test_search_in_french_finds_the_french_translation(client, tree):
    html = client.get("/fr/search/", {"q": "Budget"}).content.decode()
    assert "Budget story [fr]" in html
    assert "/fr/stories/budget-story/" in html


def _grow(tree, theme, start, count):
    from content.factories import NewsPageFactory, ResourcePageFactory

    for number in range(start, start + count):
        for factory, parent in (
            (StoryPageFactory, "stories"),
            (ResourcePageFactory, "resources"),
            (NewsPageFactory, "news"),
        ):
            page = factory(
                parent=tree[parent], title=f"Grown {number}", slug=f"grown-{parent}-{number}"
            )
            page.themes.add(theme)
            page.save_revision().publish()
        peer(f"Grown Peer {number}", theme, Visibility.PUBLIC)


def test_theme_page_and_search_cost_a_bounded_number_of_queries(
    client, tree, theme, django_assert_max_num_queries
):
    url = tree["theme_page"].url
    _grow(tree, theme, 0, 1)
    client.get(url)
    client.get("/en/search/", {"q": "Grown"})
    with django_assert_max_num_queries(40) as theme_small:
        client.get(url)
    with django_assert_max_num_queries(40) as search_small:
        client.get("/en/search/", {"q": "Grown"})
    _grow(tree, theme, 1, 8)
    theme_bound = len(theme_small.captured_queries)
    search_bound = len(search_small.captured_queries)
    client.get(url)  # publishing starts a new generation of the shared chrome
    with django_assert_max_num_queries(theme_bound):
        client.get(url)
    with django_assert_max_num_queries(search_bound):
        client.get("/en/search/", {"q": "Grown"})
