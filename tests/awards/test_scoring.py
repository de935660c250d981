"""The scoring maths: weights, missing scores, excluded conflicts, ties, ranges, uniqueness."""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction

import pytest

from awards import scoring, selectors, services
from awards.errors import AwardError, AwardNotAllowed
from awards.models import Score
from community.factories import UserFactory

from .conftest import nominate, set_phase

D = Decimal


# --- pure maths ------------------------------------------------------------------------


@pytest.fixture
def site(fresh_site):
    """Some tests here commit for real: the site is seeded for each test."""
    return fresh_site


def test_weights_count():
    # Impact weighs 2, innovation 1: (2*9 + 1*3) / 3 = 7
    result = scoring.aggregate({1: D(2), 2: D(1)}, [(10, 1, 9), (10, 2, 3)])
    assert result.mean == D("7.00")
    assert result.count == 1
    assert result.spread == D("0.00")


def test_mean_of_juror_totals_and_spread():
    weights = {1: D(1), 2: D(1)}
    scores = [(10, 1, 8), (10, 2, 6), (11, 1, 4), (11, 2, 2)]  # totals 7 and 3
    result = scoring.aggregate(weights, scores)
    assert result.mean == D("5.00")
    assert result.spread == D("4.00")
    assert result.count == 2
    assert result.per_criterion == {1: D("6.00"), 2: D("4.00")}


def test_missing_score_is_not_a_zero():
    # Juror 11 did not score criterion 2: their total is their criterion-1 score alone.
    weights = {1: D(2), 2: D(1)}
    result = scoring.aggregate(weights, [(10, 1, 6), (10, 2, 6), (11, 1, 9)])
    assert result.juror_totals == {10: D("6.00"), 11: D("9.00")}
    assert result.mean == D("7.50")
    assert result.incomplete_jurors == 1


def test_no_scores_means_no_mean():
    result = scoring.aggregate({1: D(1)}, [])
    assert result.mean is None and result.count == 0 and result.spread is None


def test_excluded_jurors_are_left_out():
    weights = {1: D(1)}
    result = scoring.aggregate(weights, [(10, 1, 2), (11, 1, 10)], excluded={11})
    assert result.mean == D("2.00") and result.count == 1


def test_scores_for_unknown_criteria_are_ignored():
    result = scoring.aggregate({1: D(1)}, [(10, 1, 4), (10, 99, 10)])
    assert result.mean == D("4.00")


def test_ties_share_a_rank():
    class Item:
        def __init__(self, name, mean):
            self.name, self.mean = name, mean

    items = [
        Item("a", D("7.5")),
        Item("b", D("9")),
        Item("c", D("7.5")),
        Item("d", None),
        Item("e", D("6")),
    ]
    ranked = [(r, tied, i.name) for r, tied, i in scoring.rank(items)]
    assert ranked == [
        (1, False, "b"),
        (2, True, "a"),
        (2, True, "c"),
        (4, False, "e"),
        (None, False, "d"),
    ]


# --- range checks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [-1, 11, 1e9, float("nan"), float("inf"), "NaN", "1e9", "abc", 5.5, "", None, True, "-1"],
)
def test_out_of_range_or_nonsense_scores_refused(db, value):
    class Programme:
        score_min, score_max = 0, 10

    with pytest.raises(AwardError) as excinfo:
        services.clean_score(value, Programme)
    assert excinfo.value.code == "range"


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (10, 10), ("7", 7), (7.0, 7), (D("3"), 3)])
def test_in_range_scores_accepted(db, value, expected):
    class Programme:
        score_min, score_max = 0, 10

    assert services.clean_score(value, Programme) == expected


# --- through the database -------------------------------------------------------------


@pytest.fixture
def judged(programme):
    """A nomination in judging, with three assigned jurors."""
    nomination = nominate(programme, UserFactory())
    jurors = []
    for _ in range(3):
        user = UserFactory()
        role = services.juror_appoint(programme=programme, user=user)
        services.juror_assign(role=role, category=nomination.category)
        jurors.append(user)
    programme = set_phase(programme, "judging")
    nomination.refresh_from_db()
    impact, innovation = programme.localized_criteria()
    return programme, nomination, jurors, impact, innovation


def _result(programme, nomination):
    for block in selectors.category_results(programme):
        for _rank, _tied, n in block["ranked"]:
            if n.pk == nomination.pk:
                return n
    raise AssertionError("not found")


@pytest.mark.django_db
def test_results_use_weights_and_exclude_conflicted_scores(judged):
    programme, nomination, (a, b, c), impact, innovation = judged
    services.scores_submit(
        juror=a, nomination=nomination, values={impact.pk: (9, ""), innovation.pk: (3, "")}
    )
    services.scores_submit(
        juror=b, nomination=nomination, values={impact.pk: (6, ""), innovation.pk: (6, "")}
    )
    services.scores_submit(
        juror=c, nomination=nomination, values={impact.pk: (0, ""), innovation.pk: (0, "")}
    )
    n = _result(programme, nomination)
    assert n.result.count == 3
    assert n.result.mean == D("4.33")  # (7 + 6 + 0) / 3
    assert n.result.spread == D("7.00")
    assert not n.too_few
    # Juror c declares a conflict afterwards: their earlier score is set aside (not deleted).
    services.conflict_declare(juror=c, nomination=nomination)
    n = _result(programme, nomination)
    assert n.result.count == 2
    assert n.result.mean == D("6.50")
    assert n.excluded_scores == 2
    assert n.too_few  # 2 scores < 3 needed
    assert Score.objects.filter(juror=c).count() == 2
    # ... and they can no longer score it.
    with pytest.raises(AwardNotAllowed) as excinfo:
        services.scores_submit(juror=c, nomination=nomination, values={impact.pk: (10, "")})
    assert excinfo.value.code == "cannot_score"


@pytest.mark.django_db
def test_one_score_per_juror_per_criterion_even_on_double_submission(judged):
    programme, nomination, (a, _b, _c), impact, innovation = judged
    services.scores_submit(juror=a, nomination=nomination, values={impact.pk: (4, "first")})
    services.scores_submit(juror=a, nomination=nomination, values={impact.pk: (8, "second")})
    assert Score.objects.filter(juror=a, nomination=nomination, criterion=impact).count() == 1
    assert Score.objects.get(juror=a, criterion=impact).value == 8
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(juror=a, nomination=nomination, criterion=impact, value=1)


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["-1", "11", "1e9", "NaN", "nan", "7.5", "inf"])
def test_the_score_form_refuses_bad_values(client, judged, raw):
    programme, nomination, (a, _b, _c), impact, innovation = judged
    client.force_login(a)
    response = client.post(
        f"/en/award/jury/nominations/{nomination.pk}/",
        {f"score_{impact.pk}": raw, f"score_{innovation.pk}": "5"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_service_refuses_out_of_range_and_foreign_criteria(judged, index_page):
    programme, nomination, (a, _b, _c), impact, _innovation = judged
    for bad in (-1, 11, 1e9, float("nan")):
        with pytest.raises(AwardError) as excinfo:
            services.scores_submit(juror=a, nomination=nomination, values={impact.pk: (bad, "")})
        assert excinfo.value.code == "range"
    with pytest.raises(AwardError) as excinfo:
        services.scores_submit(juror=a, nomination=nomination, values={999999: (5, "")})
    assert excinfo.value.code == "criterion"
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_ties_are_flagged_in_category_results(judged):
    programme, first, (a, b, c), impact, innovation = judged
    second = nominate(
        set_phase(programme, "nominations"),
        UserFactory(),
        nominee_name="Other person",
        organisation="Elsewhere",
    )
    programme = set_phase(programme, "judging")
    for nomination in (first, second):
        for juror in (a, b, c):
            services.scores_submit(
                juror=juror,
                nomination=nomination,
                values={impact.pk: (5, ""), innovation.pk: (5, "")},
            )
    block = next(b for b in selectors.category_results(programme) if b["ranked"])
    assert [(r, tied) for r, tied, _n in block["ranked"]] == [(1, True), (1, True)]


@pytest.mark.django_db
def test_jurors_do_not_see_each_others_scores_until_deliberation(client, judged, staff):
    programme, nomination, (a, b, _c), impact, innovation = judged
    services.scores_submit(
        juror=b, nomination=nomination, values={impact.pk: (9, "Remarkable budget work")}
    )
    client.force_login(a)
    url = f"/en/award/jury/nominations/{nomination.pk}/"
    assert "Remarkable budget work" not in client.get(url).content.decode()
    services.deliberation_open(programme=programme, by=staff)
    assert "Remarkable budget work" in client.get(url).content.decode()


@pytest.mark.postgres
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_submission_keeps_one_score(judged):
    import threading

    from django.db import connection

    programme, nomination, (a, _b, _c), impact, _innovation = judged
    barrier = threading.Barrier(2)
    errors = []

    def submit(value):
        try:
            barrier.wait()
            services.scores_submit(juror=a, nomination=nomination, values={impact.pk: (value, "")})
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(v,)) for v in (3, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Score.objects.filter(juror=a, criterion=impact).count() == 1
