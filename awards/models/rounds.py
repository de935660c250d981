"""Judging rounds: an edition judges in ordered rounds (qualifying, final, ...).

Each round has its own criteria (none chosen: the whole rubric), its own jurors (the
assignments made for it) and its own scoring deadline (empty: the edition's "judging
closes"). The first round judges every submitted nomination; a later round judges exactly
the shortlist its previous round closed with (``RoundNomination`` rows, written once by
``awards.services.round_close``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class JudgingRound(models.Model):
    class Kind(models.TextChoices):
        QUALIFYING = "qualifying", _("Qualifying round")
        FINAL = "final", _("Final round")

    programme = models.ForeignKey(
        "awards.AwardProgrammePage",
        on_delete=models.CASCADE,
        related_name="judging_rounds",
        verbose_name=_("Programme"),
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("Order"))
    kind = models.CharField(
        max_length=12, choices=Kind.choices, default=Kind.FINAL, verbose_name=_("Kind")
    )
    scoring_deadline = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Scoring deadline"),
        help_text=_("Leave empty to use the edition's judging close."),
    )
    criteria = models.ManyToManyField(
        "awards.AwardCriterion",
        blank=True,
        related_name="+",
        verbose_name=_("Criteria"),
        help_text=_("Leave empty to score against the whole rubric."),
    )
    shortlist_closed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Shortlist closed")
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "position"]
        verbose_name = _("Judging round")
        verbose_name_plural = _("Judging rounds")
        constraints = [
            models.UniqueConstraint(fields=["programme", "position"], name="one_round_per_position")
        ]

    def __str__(self):
        return f"{self.label} · {self.programme}"

    def save(self, *args, **kwargs):
        if self.programme_id:
            self.programme = self.programme.canonical
        if not self.position:
            last = (
                JudgingRound.objects.filter(programme_id=self.programme_id)
                .order_by("-position")
                .values_list("position", flat=True)
                .first()
            )
            self.position = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        return _("%(kind)s (round %(n)s)") % {"kind": self.get_kind_display(), "n": self.position}

    # --- neighbours (one query each, cached) ---------------------------------------

    @cached_property
    def previous(self) -> "JudgingRound | None":
        return (
            JudgingRound.objects.filter(programme_id=self.programme_id, position__lt=self.position)
            .order_by("-position")
            .first()
        )

    @cached_property
    def next(self) -> "JudgingRound | None":
        return (
            JudgingRound.objects.filter(programme_id=self.programme_id, position__gt=self.position)
            .order_by("position")
            .first()
        )

    @property
    def is_first(self) -> bool:
        return self.previous is None

    @property
    def is_final(self) -> bool:
        return self.next is None

    def deadline(self):
        return self.scoring_deadline or self.programme.canonical.judging_close

    def scoring_open(self, now=None) -> bool:
        """Scores are taken from the moment the round has its nominations (nominations
        closed for the first round, the previous round's shortlist closed for the others)
        until its deadline, while its own shortlist is open and results are unpublished."""
        now = now or timezone.now()
        programme = self.programme.canonical
        if self.shortlist_closed_at is not None or programme.results_published():
            return False
        if now >= self.deadline():
            return False
        previous = self.previous
        if previous is None:
            return now >= programme.nominations_close
        return previous.shortlist_closed_at is not None

    @cached_property
    def chosen_criteria_ids(self) -> set:
        return {c.pk for c in self.criteria.all()}

    def criteria_for(self, category, criteria) -> list:
        """The round's criteria that apply to ``category`` (``criteria``: the edition's
        canonical rubric)."""
        chosen = self.chosen_criteria_ids
        return [c for c in criteria if (not chosen or c.pk in chosen) and c.applies_to(category)]

    def nominations(self):
        """The submitted nominations this round judges."""
        from awards.models.nominations import Nomination

        queryset = Nomination.objects.filter(
            programme_id=self.programme_id, status=Nomination.Status.SUBMITTED
        )
        if self.is_first:
            return queryset
        return queryset.filter(round_entries__round=self)

    def holds_q(self, prefix: str = "") -> Q:
        """A filter on nominations (``prefix``: the path to them) this round judges."""
        if self.is_first:
            return Q(**{f"{prefix}programme_id": self.programme_id})
        return Q(**{f"{prefix}round_entries__round": self})


class RoundNomination(models.Model):
    """A nomination in a round after the first (fed by the previous round's shortlist),
    and, in any round but the last, whether staff put it on that round's shortlist."""

    round = models.ForeignKey(
        JudgingRound,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("Judging round"),
    )
    nomination = models.ForeignKey(
        "awards.Nomination",
        on_delete=models.CASCADE,
        related_name="round_entries",
        verbose_name=_("Nomination"),
    )
    shortlisted = models.BooleanField(default=False, verbose_name=_("Shortlisted"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Nomination in a round")
        verbose_name_plural = _("Nominations in rounds")
        constraints = [
            models.UniqueConstraint(fields=["round", "nomination"], name="one_entry_per_round")
        ]

    def __str__(self):
        return f"{self.nomination} · {self.round}"


def first_round(programme, *, create: bool = True) -> "JudgingRound | None":
    """The first round of a (canonical) programme; created on demand by writers."""
    programme = programme.canonical
    found = JudgingRound.objects.filter(programme=programme).order_by("position").first()
    if found is None and create:
        found, _created = JudgingRound.objects.get_or_create(
            programme=programme, position=1, defaults={"kind": JudgingRound.Kind.FINAL}
        )
    return found
