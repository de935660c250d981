"""Large counts carry the reader's thousands separator ("12,345", « 12 345 », "12 345")."""

from types import SimpleNamespace

from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

import pytest


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "12,345 results"), ("fr", "12\xa0345 résultats"), ("es", "12\xa0345 resultados")],
)
def test_listing_count_is_grouped_in_the_readers_language(language, expected):
    page_obj = Paginator(range(12345), 20).page(1)
    context = {
        "page": SimpleNamespace(title="Stories", url="/stories/", intro=""),
        "page_obj": page_obj,
        "filter_form": forms.Form(),
        "items": [],
    }
    with translation.override(language):
        html = render_to_string("content/includes/index.html", context)
    assert expected in html


def test_one_result_stays_singular():
    context = {
        "page": SimpleNamespace(title="Stories", url="/stories/", intro=""),
        "page_obj": Paginator(range(1), 20).page(1),
        "filter_form": forms.Form(),
        "items": [],
    }
    with translation.override("fr"):
        assert "1 résultat<" in render_to_string("content/includes/index.html", context)
