"""The application form keeps what people typed and chose: limits, kept files, button order."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from cohorts.models import Application

from .test_applications import _ids, _post_data, rich_cohort  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_an_over_long_answer_is_an_error_that_keeps_the_text(member_client, rich_cohort):  # noqa: F811
    url = reverse("cohorts:apply", args=[rich_cohort.pk])
    long_q = _ids(rich_cohort)[1]
    answer = "We built a coalition of budget offices. " * 130  # 5,200 characters
    response = member_client.post(url, _post_data(rich_cohort, save="1", **{f"q_{long_q}": answer}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "at most 5000 characters" in html and answer.strip() in html
    assert not Application.objects.exists()


def test_a_chosen_file_is_kept_after_an_error_and_saved_on_the_next_try(
    member_client,
    member,
    rich_cohort,  # noqa: F811
):
    url = reverse("cohorts:apply", args=[rich_cohort.pk])
    short_q, _long, _choice, _multi, file_q = _ids(rich_cohort)
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    data = _post_data(rich_cohort, save="1", **{f"q_{short_q}": "x" * 301, f"q_{file_q}": letter})
    html = member_client.post(url, data).content.decode()
    assert "letter.pdf" in html and "Kept from your last try" in html
    tokens = re.findall(rf'name="q_{file_q}__pending" value="([^"]+)"', html)
    assert len(tokens) == 1
    assert not Application.objects.exists()

    response = member_client.post(
        url, _post_data(rich_cohort, save="1", **{f"q_{file_q}__pending": tokens})
    )
    assert response.status_code == 302
    application = Application.objects.get(applicant=member)
    assert application.files.get().original_name == "letter.pdf"


def test_submit_comes_before_save_draft(member_client, rich_cohort):  # noqa: F811
    html = member_client.get(reverse("cohorts:apply", args=[rich_cohort.pk])).content.decode()
    assert html.index("Submit application") < html.index("Save draft")
    assert "Up to 5,000 characters." in html
