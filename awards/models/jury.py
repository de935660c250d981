from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JurorRole(models.Model):
    """A member serving on the jury of one edition."""

    programme = models.ForeignKey(
        "awards.AwardProgrammePage",
        on_delete=models.CASCADE,
        related_name="jurors",
        verbose_name=_("Programme"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="juror_roles",
        verbose_name=_("Member"),
    )
    publish_name = models.BooleanField(
        default=False, verbose_name=_("Agreed to be named on the results page")
    )
    public_name = models.CharField(
        max_length=160,
        blank=True,
        verbose_name=_("Name to publish"),
        help_text=_("Defaults to the member's name."),
    )
    public_title = models.CharField(
        max_length=160, blank=True, verbose_name=_("Title or organisation to publish")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "user__name"]
        verbose_name = _("Juror")
        verbose_name_plural = _("Jurors")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"], name="one_juror_role_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.programme}"

    def save(self, *args, **kwargs):
        # Records always hang off the canonical page of a translation group.
        if self.programme_id:
            self.programme = self.programme.canonical
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.public_name or self.user.get_full_name()


class JurorAssignment(models.Model):
    """What a juror reviews in one judging round: a whole category, or one nomination."""

    juror = models.ForeignKey(
        JurorRole, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Juror")
    )
    round = models.ForeignKey(
        "awards.JudgingRound",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("Judging round"),
    )
    category = models.ForeignKey(
        "awards.AwardCategory",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Category"),
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("Nomination"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Jury assignment")
        verbose_name_plural = _("Jury assignments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(category__isnull=False) & Q(nomination__isnull=True))
                | (Q(category__isnull=True) & Q(nomination__isnull=False)),
                name="assignment_category_xor_nomination",
            ),
            models.UniqueConstraint(
                fields=["juror", "round", "category"],
                condition=Q(category__isnull=False),
                name="one_round_assignment_per_category",
            ),
            models.UniqueConstraint(
                fields=["juror", "round", "nomination"],
                condition=Q(nomination__isnull=False),
                name="one_round_assignment_per_nomination",
            ),
        ]

    def __str__(self):
        return f"{self.juror} → {self.category or self.nomination}"

    def save(self, *args, **kwargs):
        if self.round_id is None and self.juror_id:
            from awards.models.rounds import first_round

            self.round = first_round(self.juror.programme)
        # A category chosen on a translated page means the canonical page's category.
        if self.category_id and self.juror_id:
            from awards.models.pages import AwardCategory

            canonical = AwardCategory.objects.filter(
                page_id=self.juror.programme_id, translation_key=self.category.translation_key
            ).first()
            if canonical is not None:
                self.category = canonical
        super().save(*args, **kwargs)


class ConflictOfInterest(models.Model):
    """A juror's conflict with one nomination: declared, or flagged by the platform.

    While a conflict is flagged (not yet dismissed) or confirmed, the juror cannot open
    or score the nomination and any score they gave is left out of the results.
    """

    class Reason(models.TextChoices):
        DECLARED = "declared", _("Declared by the juror")
        SAME_ORGANISATION = "same_organisation", _("Same organisation")
        NOMINATOR = "nominator", _("The juror nominated them")
        NOMINEE = "nominee", _("The juror is the nominee")
        CONNECTED = "connected", _("The juror and the nominee are connected")
        SAME_COHORT = "same_cohort", _("The juror and the nominee were in the same cohort")

    class Status(models.TextChoices):
        FLAGGED = "flagged", _("Flagged, awaiting the juror")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    #: Reasons a juror cannot dismiss: they are a party to the nomination.
    BINDING = frozenset({Reason.NOMINATOR, Reason.NOMINEE})
    BLOCKING = (Status.FLAGGED, Status.CONFIRMED)

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="award_conflicts",
        verbose_name=_("Juror"),
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("Nomination"),
    )
    reason = models.CharField(max_length=20, choices=Reason.choices, verbose_name=_("Reason"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.FLAGGED, verbose_name=_("Status")
    )
    note = models.TextField(blank=True, max_length=1000, verbose_name=_("Note"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Flagged"))
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Decided"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Conflict of interest")
        verbose_name_plural = _("Conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "nomination", "reason"], name="one_conflict_per_reason"
            )
        ]

    def __str__(self):
        return f"{self.juror} × {self.nomination}: {self.get_reason_display()}"

    @property
    def dismissable(self) -> bool:
        return self.reason not in self.BINDING and self.status == self.Status.FLAGGED
