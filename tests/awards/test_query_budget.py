"""The nomination form reads the programme's categories and criteria once, whatever
their number (it used to read them three times: the labels, the choices, the criteria)."""

from decimal import Decimal

import pytest

from awards.factories import AwardCategoryFactory, AwardCriterionFactory

from .conftest import set_phase

pytestmark = pytest.mark.django_db

FORM = 7


def test_the_nomination_form_costs_the_same_with_two_or_eight_categories(
    client, member, programme, django_assert_num_queries
):
    programme = set_phase(programme, "nominations")
    client.force_login(member)
    url = f"/en/award/programmes/{programme.pk}/nominate/"
    client.get(url)  # warm the per-process caches
    with django_assert_num_queries(FORM):
        html = client.get(url).content.decode()
    assert "Open data in action" in html and "Innovation" in html
    for index in range(6):
        AwardCategoryFactory(page=programme, name=f"Category {index}")
        AwardCriterionFactory(page=programme, name=f"Criterion {index}", weight=Decimal("1"))
    client.get(url)  # new categories start a new generation of the shared chrome
    with django_assert_num_queries(FORM):
        html = client.get(url).content.decode()
    assert "Category 5" in html and "Criterion 5" in html
