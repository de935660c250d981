"""The programme page's cohort cards show their pictures at a fixed query cost."""

from django.db import reset_queries

import pytest

from cohorts.factories import CohortPageFactory
from home.demo.images import demo_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def add_cohorts(programme, count):
    pictures = [demo_image("map"), demo_image("gathering")]
    for number in range(count):
        cohort = CohortPageFactory(parent=programme, listing_image=pictures[number % 2])
        cohort.save_revision().publish()


def test_programme_hero_and_cohort_cards_cost_the_same_for_1_or_6_cohorts(
    client, programme, django_assert_max_num_queries
):
    programme.listing_image = demo_image("steps")
    programme.save_revision().publish()
    add_cohorts(programme, 1)
    html = client.get(programme.url).content.decode()  # warm caches, make renditions
    assert 'class="hero-image"' in html and 'fetchpriority="high"' in html
    assert html.count('class="card__image"') == 1
    reset_queries()
    with django_assert_max_num_queries(60) as small:
        client.get(programme.url)
    small_count = len(small.captured_queries)
    add_cohorts(programme, 5)
    client.get(programme.url)
    reset_queries()
    with django_assert_max_num_queries(small_count):
        html = client.get(programme.url).content.decode()
    assert html.count('class="card__image"') == 6
