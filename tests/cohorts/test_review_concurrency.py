"""PostgreSQL: two reviewers submitting at once for one application both count; one
reviewer submitting twice at once makes one review; two automatic assignment runs at once
give each application exactly N reviewers.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_review.
"""

from decimal import Decimal

import pytest

from cohorts import services
from cohorts.models import Application, Review, ReviewAssignment, ReviewScore
from tests.cohorts.review_helpers import applications, reviewer, scores_for, with_rubric
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    """Tests here commit for real: the site is seeded for each test."""
    return fresh_site


@pytest.mark.parametrize("round_", range(3))
def test_two_reviewers_at_once_both_count(cohort, manager, round_):
    cohort = with_rubric(cohort)
    app = applications(cohort, 1)[0]
    people = [reviewer() for _ in range(2)]
    assignments = [services.assignment_add(application=app, reviewer=p, by=manager) for p in people]
    marks = [(5, 10), (1, 0)]
    in_parallel(
        [
            lambda a=a, p=p, m=m: services.review_submit(
                assignment=a, by=p, scores=scores_for(cohort, *m)
            )
            for a, p, m in zip(assignments, people, marks, strict=True)
        ]
    )
    assert Review.objects.filter(application=app).count() == 2
    assert ReviewScore.objects.filter(review__application=app).count() == 4
    # Both totals (6.67 and 0.67) are in the application's weighted mean.
    assert Application.objects.get(pk=app.pk).score == Decimal("3.67")


def test_one_reviewer_twice_at_once_makes_one_review(cohort, manager):
    cohort = with_rubric(cohort)
    app = applications(cohort, 1)[0]
    person = reviewer()
    assignment = services.assignment_add(application=app, reviewer=person, by=manager)
    results = in_parallel(
        [
            lambda m=m: services.review_submit(
                assignment=assignment, by=person, scores=scores_for(cohort, *m)
            )
            for m in [(5, 10), (4, 4), (3, 3), (2, 2)]
        ]
    )
    assert len({r.pk for r in results}) == 1
    review = Review.objects.get()
    assert review.times_submitted == 4
    assert ReviewScore.objects.filter(review=review).count() == 2


def test_two_automatic_runs_at_once_give_exactly_n(cohort, manager):
    cohort = with_rubric(cohort)
    apps = applications(cohort, 12)
    people = [reviewer() for _ in range(5)]
    in_parallel(
        [
            lambda: services.assign_automatically(
                cohort=cohort, per_application=2, reviewers=people, by=manager
            )
            for _ in range(3)
        ]
    )
    for app in apps:
        assert ReviewAssignment.objects.filter(application=app).count() == 2
    loads = [ReviewAssignment.objects.filter(reviewer=p).count() for p in people]
    assert max(loads) - min(loads) <= 1
