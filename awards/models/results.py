from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeRound(models.Model):
    """The judging state of an edition, shared by every language version of its page."""

    programme = models.OneToOneField(
        "awards.AwardProgrammePage",
        on_delete=models.CASCADE,
        related_name="round",
        verbose_name=_("Programme"),
    )
    deliberation_opened_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Deliberation opened")
    )
    results_published_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Results published")
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Edition results")
        verbose_name_plural = _("Edition results")

    def __str__(self):
        return str(self.programme)

    @classmethod
    def for_programme(cls, programme) -> "ProgrammeRound":
        """The round of a canonical programme page (an unsaved blank one if none yet)."""
        cache = programme.__dict__.setdefault("_round_cache", None)
        if cache is not None:
            return cache
        found = cls.objects.filter(programme_id=programme.pk).first() or cls(programme=programme)
        programme.__dict__["_round_cache"] = found
        return found
