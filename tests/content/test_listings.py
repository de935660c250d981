import pytest

from content.factories import NewsPageFactory, ResourcePageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("index", ["stories", "resources", "news"])
@pytest.mark.parametrize(
    "query",
    [
        {"page": "-1"},
        {"page": "999999"},
        {"page": "nonsense"},
        {"theme": "no-such-theme"},
        {"country": "ZZ"},
        {"region": "atlantis"},
        {"type": "<script>"},
    ],
)
def test_bad_input_never_breaks_an_index(client, tree, index, query):
    response = client.get(tree[index].url, query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_filters_narrow_the_stories(client, tree, theme):
    other = StoryPageFactory(
        parent=tree["stories"], title="Coastal story", slug="coast", country="FR"
    )
    other.sectors = ["parliament"]
    other.save_revision().publish()
    url = tree["stories"].url
    html = client.get(url, {"theme": theme.slug}).content.decode()
    assert "Budget story" in html and "Coastal story" not in html
    html = client.get(url, {"region": "europe"}).content.decode()
    assert "Coastal story" in html and "Budget story" not in html
    html = client.get(url, {"country": "KE"}).content.decode()
    assert "Budget story" in html and "Coastal story" not in html
    html = client.get(url, {"type": "parliament"}).content.decode()
    assert "Coastal story" in html and "Budget story" not in html
    assert "remove filter" in html  # the selected filter is shown as a removable chip


def test_resource_and_news_type_filters(client, tree):
    ResourcePageFactory(
        parent=tree["resources"], title="Research paper", slug="paper", resource_type="research"
    )
    html = client.get(tree["resources"].url, {"type": "research"}).content.decode()
    assert "Research paper" in html and "Contracting toolkit" not in html
    html = client.get(tree["resources"].url, {"type": "guide"}).content.decode()
    assert "Open government guide" in html and "Research paper" not in html
    NewsPageFactory(
        parent=tree["news"], title="Press note", slug="press", news_type="press_release"
    )
    html = client.get(tree["news"].url, {"type": "press_release"}).content.decode()
    assert "Press note" in html and "Summit announced" not in html


def test_pagination(client, tree):
    for number in range(14):
        StoryPageFactory(
            parent=tree["stories"], title=f"Paged story {number}", slug=f"paged-{number}"
        )
    first = client.get(tree["stories"].url).content.decode()
    second = client.get(tree["stories"].url, {"page": 2}).content.decode()
    assert first.count('class="card"') == 12
    assert second.count('class="card"') == 3
    assert 'rel="next"' in first and 'aria-label="Pages"' in first


@pytest.mark.parametrize("index", ["stories", "resources", "news"])
def test_index_costs_a_bounded_number_of_queries(
    client, tree, index, django_assert_max_num_queries
):
    factory = {
        "stories": StoryPageFactory,
        "resources": ResourcePageFactory,
        "news": NewsPageFactory,
    }[index]
    client.get(tree[index].url)  # warm caches (site, locales)
    with django_assert_max_num_queries(30) as small:
        client.get(tree[index].url)
    for number in range(11):
        page = factory(parent=tree[index], title=f"Item {number}", slug=f"item-{number}")
        page.themes.add(tree["story"].themes.first())
        page.save_revision().publish()
    bound = len(small.captured_queries)
    client.get(tree[index].url)  # publishing starts a new generation of the shared chrome
    with django_assert_max_num_queries(bound):
        client.get(tree[index].url)


def test_french_index_lists_untranslated_english_items_with_a_badge(client, tree):
    StoryPageFactory(parent=tree["stories"], title="Only in English", slug="english-only")
    html = client.get(tree["translations"][("stories", "fr")].url).content.decode()
    assert "Only in English" in html
    assert "/fr/stories/english-only/" in html
    assert "Budget story [fr]" in html and ">Budget story<" not in html


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("index", ["stories", "resources", "news"])
def test_every_index_has_feeds(client, tree, index, kind):
    response = client.get(f"{tree[index].url}feed/{kind}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/rss+xml" if kind == "rss" else "application/atom+xml"
    )
