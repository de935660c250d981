"""The application form's country list is in the reader's language (it was built once,
at import, in English)."""

from django.urls import reverse
from django.utils import translation

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        ("fr", ">Allemagne</option>", ">Germany</option>"),
        ("es", ">Alemania</option>", ">Germany</option>"),
        ("en", ">Germany</option>", ">Allemagne</option>"),
    ],
)
def test_the_country_list_speaks_the_readers_language(
    member_client, cohort, language, present, absent
):
    # Draw the English form first, so a list cached at first use would show.
    member_client.get(reverse("cohorts:apply", args=[cohort.pk]))
    with translation.override(language):
        url = reverse("cohorts:apply", args=[cohort.pk])
    html = member_client.get(url).content.decode()
    assert url.startswith(f"/{language}/")
    assert present in html
    assert absent not in html
