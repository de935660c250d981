"""Helpers for the rubric review tests: a rubric, reviewers, submitted applications."""

from django.utils import timezone

from cohorts.models import Application, ApplicationStatus, CohortPage
from cohorts.permissions import ensure_groups
from community.factories import UserFactory, make_member

RUBRIC = [
    (
        "criterion",
        {
            "label": "Leadership",
            "description": "Led change",
            "weight": "2",
            "min_score": 1,
            "max_score": 5,
        },
    ),
    (
        "criterion",
        {"label": "Motivation", "description": "", "weight": "1", "min_score": 0, "max_score": 10},
    ),
]


def with_rubric(cohort, rubric=RUBRIC, **fields):
    cohort.review_criteria = rubric
    for name, value in fields.items():
        setattr(cohort, name, value)
    cohort.save()
    return CohortPage.objects.get(pk=cohort.pk)


def reviewer(organisation="", user=None):
    person = make_member(organisation=organisation, user=user or {})
    person.is_staff = True
    person.save()
    person.groups.add(ensure_groups()["Cohort reviewers"])
    return person


def applications(cohort, count, *, organisation="Civic Lab", **fields):
    """``count`` submitted applications by distinct members (bulk, for scale)."""
    now = timezone.now()
    people = [UserFactory() for _ in range(count)] if count <= 60 else [None] * count
    rows = [
        Application(
            cohort=cohort,
            applicant=person,
            applicant_name=person.name if person else f"Applicant {i}",
            status=ApplicationStatus.SUBMITTED,
            submitted_at=now,
            organisation=organisation,
            country="KE",
            region="africa_middle_east",
            sector="civil_society",
            **fields,
        )
        for i, person in enumerate(people)
    ]
    Application.objects.bulk_create(rows, batch_size=500)
    return list(Application.objects.filter(cohort=cohort).order_by("pk"))


def scores_for(cohort, leadership, motivation):
    ids = [c["id"] for c in cohort.criteria_list()]
    return {ids[0]: leadership, ids[1]: motivation}
