"""The small-cell rule: a count that could point at somebody is withheld."""

from django.template import Context, Template
from django.utils import translation

import pytest

from home.aggregates import THRESHOLD, cell, share


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (12000, 12000), (None, 0)]
)
def test_counts_from_one_to_four_are_withheld(count, shown):
    assert cell(count).value == shown
    assert cell(count).suppressed is (shown is None)


def test_a_withheld_count_reads_fewer_than_five_in_each_language():
    assert THRESHOLD == 5
    texts = {}
    for lang in ("en", "fr", "es"):
        with translation.override(lang):
            texts[lang] = Template(
                "{% load home_tags %}{{ 3|small_cell }}|{{ 7|small_cell }}"
            ).render(Context())
    assert texts == {"en": "fewer than 5|7", "fr": "moins de 5|7", "es": "menos de 5|7"}


def test_a_share_is_withheld_when_either_side_is_small():
    assert share(3, 40) is None
    assert share(10, 3) is None
    assert share(10, 0) is None
    assert share(10, 40) == 0.25
    assert share(0, 40) == 0.0
