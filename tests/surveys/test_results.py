"""Staff see aggregates, never who answered what; small cells are withheld everywhere."""

import io

from django.urls import reverse

import pytest

from community.factories import UserFactory, make_member
from surveys import selectors
from surveys.factories import SurveyRoundFactory
from surveys.models import Invitation, Receipt, Response

pytestmark = pytest.mark.django_db


def _answer(round_, survey, *, scale, choice=0, text="", family="government", region="europe"):
    ids = {spec["kind"]: spec["id"] for spec in survey.question_list()}
    answers = {ids["scale"]: scale, ids["choice"]: choice}
    if text:
        answers[ids["long_text"]] = text
    return Response.objects.create(
        round=round_, answers=answers, sector_family=family, region=region
    )


def _answered_by(round_, user):
    Invitation.objects.create(round=round_, user=user)
    Receipt.objects.create(round=round_, user=user, answered_at=round_.opens_at)


@pytest.fixture
def answered(survey, open_round):
    """Six people answered (named members, so a leak of names would show)."""
    people = [
        make_member(user={"name": f"Secret Person{i}", "email": f"secret{i}@example.org"})
        for i in range(6)
    ]
    for person in people:
        _answered_by(open_round, person)
    for i, scale in enumerate([5, 4, 4, 3, 5, 2]):
        _answer(
            open_round,
            survey,
            scale=scale,
            choice=0 if i < 5 else 2,
            text=f"Free answer number {i}" if i < 5 else "",
            family="government" if i < 3 else "civil_society",
        )
    return people


def test_staff_see_counts_means_and_no_names(client, staff_results, survey, answered):
    client.force_login(staff_results)
    response = client.get(reverse("surveys_admin_results", args=[survey.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Responses:" in html and "<strong>6</strong>" in html
    assert "<strong data-mean>3.83</strong>" in html
    # Option "Yes" chosen by five: shown; "No" by one: withheld; "Partly" by none: 0.
    assert '<th scope="row">Yes</th><td data-count>5</td>' in html
    assert '<th scope="row">No</th><td data-count>fewer than 5</td>' in html
    assert '<th scope="row">Partly</th><td data-count>0</td>' in html
    # Five people wrote free text: shown, without who wrote it.
    assert "Free answer number 4" in html
    for person in answered:
        assert person.name not in html and person.email not in html


def test_free_text_and_means_wait_for_five_answers(client, staff_results, survey, open_round):
    for i in range(4):
        _answer(open_round, survey, scale=5, text=f"Only {i}")
    client.force_login(staff_results)
    html = client.get(reverse("surveys_admin_results", args=[survey.pk])).content.decode()
    assert "Only 1" not in html
    assert "Free-text answers are shown once at least 5 people have written one." in html
    assert "not shown (fewer than 5 answers)" in html
    assert "<strong>fewer than 5</strong>" in html


def test_exports_follow_the_same_rule(client, staff_results, survey, answered):
    client.force_login(staff_results)
    csv = b"".join(
        client.get(reverse("surveys_admin_export", args=[survey.pk, "csv"])).streaming_content
    ).decode("utf-8-sig")
    assert "Count,No,fewer than 5" in csv
    assert "Count,Yes,5" in csv
    assert "Mean,,3.83" in csv
    assert "Free answer number 2" in csv
    for person in answered:
        assert person.name not in csv and person.email not in csv

    from openpyxl import load_workbook

    xlsx = client.get(reverse("surveys_admin_export", args=[survey.pk, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("How much do you trust people in the other sector family?", "Mean", None, 3.83) in rows
    assert ("Did the event meet your needs?", "Count", "No", "fewer than 5") in rows


def test_an_export_cell_cannot_run_as_a_formula(client, staff_results, survey, open_round):
    for _i in range(5):
        _answer(open_round, survey, scale=3, text='=HYPERLINK("http://evil")')
    client.force_login(staff_results)
    csv = b"".join(
        client.get(reverse("surveys_admin_export", args=[survey.pk, "csv"])).streaming_content
    ).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv


def test_only_programme_staff_see_results(client, editor_user, survey):
    client.force_login(editor_user)
    assert client.get(reverse("surveys_admin_results", args=[survey.pk])).status_code == 302
    assert client.get(reverse("surveys_admin_export", args=[survey.pk, "csv"])).status_code in (
        302,
        403,
    )
    client.force_login(UserFactory())
    assert client.get(reverse("surveys_admin_results", args=[survey.pk])).status_code in (302, 403)


def test_the_results_page_has_a_bounded_number_of_queries(
    client, staff_results, survey, open_round, django_assert_max_num_queries
):
    client.force_login(staff_results)
    url = reverse("surveys_admin_results", args=[survey.pk])
    client.get(url)
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    for n in range(40):
        _answer(open_round, survey, scale=1 + n % 5, text=f"t{n}")
    for _r in range(3):
        SurveyRoundFactory(survey=survey)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_results_over_time_follow_the_tagged_question(survey):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    first = SurveyRoundFactory(
        survey=survey, opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=370)
    )
    second = SurveyRoundFactory(
        survey=survey, opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=10)
    )
    for scale in [2, 2, 3, 3, 2]:
        _answer(first, survey, scale=scale, region="europe")
    for scale in [4, 4, 5, 3, 4, 4]:
        _answer(second, survey, scale=scale, family="civil_society", region="americas")
    rows = selectors.results_over_time(
        question_tag="trust", start=now - timedelta(days=800), end=now
    )
    assert [r["round_id"] for r in rows] == [first.pk, second.pk]
    assert [r["mean"] for r in rows] == [2.4, 4.0]
    assert rows[0]["scale"] == (1, 5)
    assert rows[0]["answered"].value == 5
    assert [o["count"].display() for o in rows[0]["distribution"]] == [
        "0",
        "fewer than 5",
        "fewer than 5",
        "0",
        "0",
    ]
    assert rows[1]["by_family"]["civil_society"]["mean"] == 4.0
    assert rows[1]["by_family"]["government"]["answered"].value == 0
    # By region: only Europe's answers, and too few in the later round to show a mean.
    europe = selectors.results_over_time(
        question_tag="trust", start=now - timedelta(days=800), end=now, region="europe"
    )
    assert [r["mean"] for r in europe] == [2.4, None]
    assert (
        selectors.results_over_time(
            question_tag="nothing", start=now - timedelta(days=800), end=now
        )
        == []
    )


def test_results_over_time_costs_three_queries_whatever_the_rounds(
    survey, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for n in range(6):
        round_ = SurveyRoundFactory(
            survey=survey,
            opens_at=now - timedelta(days=60 * n + 30),
            closes_at=now - timedelta(days=60 * n + 1),
        )
        for scale in range(1, 6):
            _answer(round_, survey, scale=scale)
    with django_assert_max_num_queries(3):
        rows = selectors.results_over_time(
            question_tag="trust", start=now - timedelta(days=800), end=now
        )
    assert len(rows) == 6 and {r["mean"] for r in rows} == {3.0}
