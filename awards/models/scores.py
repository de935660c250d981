from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.Model):
    """One juror's score of one nomination against one criterion (the database keeps it unique)."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="award_scores",
        verbose_name=_("Juror"),
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("Nomination"),
    )
    criterion = models.ForeignKey(
        "awards.AwardCriterion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Criterion"),
    )
    round = models.ForeignKey(
        "awards.JudgingRound",
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("Judging round"),
    )
    value = models.SmallIntegerField(verbose_name=_("Score"))
    comment = models.TextField(blank=True, max_length=2000, verbose_name=_("Comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["nomination", "juror", "criterion"]
        verbose_name = _("Score")
        verbose_name_plural = _("Scores")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "round", "nomination", "criterion"],
                name="one_round_score_per_juror_criterion",
            )
        ]

    def __str__(self):
        return f"{self.value} ({self.criterion})"

    def save(self, *args, **kwargs):
        if self.round_id is None and self.nomination_id:
            from awards.models.rounds import first_round

            self.round = first_round(self.nomination.programme)
        super().save(*args, **kwargs)
