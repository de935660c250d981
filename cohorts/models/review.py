"""Rubric review: who reviews which application, and each reviewer's scores.

The rubric itself is the cohort page's ``review_criteria`` StreamField (translated with the
page; scores are stored under the criterion block's id, which every translation shares).

* ``ReviewAssignment``: one reviewer on one application (unique pair).
* ``Review``: the one review of an assignment (``OneToOne``: submitting again updates it).
* ``ReviewScore``: one criterion's score; the criterion's range is copied onto the row so
  the database refuses a value outside it (a check constraint).

The older single note and 1–5 score (``ReviewNote``) stay, shown as legacy notes.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ReviewAssignment(models.Model):
    application = models.ForeignKey(
        "cohorts.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_review_assignments",
        verbose_name=_("Reviewer"),
    )
    automatic = models.BooleanField(default=False, verbose_name=_("Assigned automatically"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(verbose_name=_("Assigned"))

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("Review assignment")
        verbose_name_plural = _("Review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "application"], name="assignment_reviewer")]

    def __str__(self):
        return f"{self.application_id} → {self.reviewer_id}"


class Review(models.Model):
    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    application = models.ForeignKey(
        "cohorts.Application", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.TextField(blank=True, max_length=4000, verbose_name=_("Comment"))
    #: The reviewer's weighted mean over the criteria they scored.
    total = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, verbose_name=_("Total")
    )
    submitted_at = models.DateTimeField(verbose_name=_("Submitted"))
    updated_at = models.DateTimeField(verbose_name=_("Updated"))
    times_submitted = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["application", "pk"]
        verbose_name = _("Review")
        verbose_name_plural = _("Reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.application_id} · {self.reviewer_id}: {self.total}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=64)
    value = models.SmallIntegerField(verbose_name=_("Score"))
    range_min = models.SmallIntegerField()
    range_max = models.SmallIntegerField()

    class Meta:
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(value__gte=F("range_min"), value__lte=F("range_max")),
                name="review_score_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
