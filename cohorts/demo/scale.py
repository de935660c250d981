"""Scale data for rubric review (``seed_scale``): per demo cohort with submitted
applications, a review form if it has none, eight scale members as cohort reviewers,
two reviewers per application by the automatic assignment, and reviews for about half
of the assignments. Idempotent: a second run adds only what is missing."""

import random
from datetime import datetime
from decimal import Decimal

from django.db import transaction

REVIEWERS = 8
PER_APPLICATION = 2
RUBRIC = [
    (
        "criterion",
        {
            "label": "Leadership",
            "description": "Has led a reform with others.",
            "weight": Decimal("2"),
            "min_score": 1,
            "max_score": 5,
        },
    ),
    (
        "criterion",
        {
            "label": "Motivation",
            "description": "Knows what they want to change.",
            "weight": Decimal("1"),
            "min_score": 1,
            "max_score": 5,
        },
    ),
]


def seed_reviews(*, seed: int, now: datetime, quiet: bool = True, log=None) -> int:
    from cohorts import services
    from cohorts.models import (
        Application,
        ApplicationStatus,
        CohortPage,
        Review,
        ReviewAssignment,
        ReviewScore,
    )
    from cohorts.permissions import ensure_groups
    from community.models import User
    from home.demo.scale.members import EMAIL_DOMAIN
    from home.scoring import aggregate

    staff = User.objects.filter(is_superuser=True).order_by("pk").first()
    reviewers = list(
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk")[:REVIEWERS]
    )
    if staff is None or not reviewers:
        if log:
            log("  reviews skipped: no superuser or no scale members.")
        return 0
    group = ensure_groups()["Cohort reviewers"]
    group.user_set.add(*reviewers)
    created = 0
    for cohort in CohortPage.objects.filter(locale__language_code="en").order_by("pk"):
        cohort = cohort.canonical
        if not Application.objects.filter(
            cohort=cohort, status=ApplicationStatus.SUBMITTED
        ).exists():
            continue
        if not cohort.criteria_list():
            cohort.review_criteria = RUBRIC
            cohort.save(update_fields=["review_criteria"])
            cohort = CohortPage.objects.get(pk=cohort.pk)
        result = services.assign_automatically(
            cohort=cohort, per_application=PER_APPLICATION, reviewers=reviewers, by=staff, now=now
        )
        created += result.created
        criteria = cohort.criteria_list()
        weights = {c["id"]: Decimal(str(c["weight"])) for c in criteria}
        todo = ReviewAssignment.objects.filter(
            application__cohort=cohort, review__isnull=True
        ).select_related("application")
        reviews, marks = [], {}
        for assignment in todo.iterator(chunk_size=1000):
            rng = random.Random(f"{seed}:review:{assignment.pk}")  # noqa: S311 (demo data)
            if rng.random() >= 0.5:
                continue
            values = {c["id"]: rng.randint(c["min_score"], c["max_score"]) for c in criteria}
            total = aggregate(weights, [(0, k, v) for k, v in values.items()]).mean
            reviews.append(
                Review(
                    assignment=assignment,
                    application=assignment.application,
                    reviewer_id=assignment.reviewer_id,
                    comment="",
                    total=total,
                    submitted_at=now,
                    updated_at=now,
                )
            )
            marks[assignment.pk] = values
        with transaction.atomic():
            Review.objects.bulk_create(reviews, batch_size=1000, ignore_conflicts=True)
            saved = Review.objects.filter(assignment__in=list(marks)).values_list(
                "pk", "assignment"
            )
            ReviewScore.objects.bulk_create(
                [
                    ReviewScore(
                        review_id=review_id,
                        criterion=c["id"],
                        value=marks[assignment_id][c["id"]],
                        range_min=c["min_score"],
                        range_max=c["max_score"],
                    )
                    for review_id, assignment_id in saved
                    for c in criteria
                ],
                batch_size=2000,
                ignore_conflicts=True,
            )
        created += len(reviews)
    return created
