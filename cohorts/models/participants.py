import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Participant(models.Model):
    """An accepted applicant taking part in a cohort; alumni once staff mark completion."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Participant")
        COMPLETED = "completed", _("Completed (alumni)")
        NOT_COMPLETED = "not_completed", _("Did not complete")

    cohort = models.ForeignKey(
        "cohorts.CohortPage", on_delete=models.PROTECT, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="cohort_participations",
    )
    application = models.OneToOneField(
        "cohorts.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.ACTIVE, verbose_name=_("Status")
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Completed"))

    class Meta:
        ordering = ["cohort", "pk"]
        verbose_name = _("Participant")
        verbose_name_plural = _("Participants")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_participation_per_cohort")
        ]

    def __str__(self):
        return f"{self.user or _('Former member')} · {self.cohort_id}"


def new_identifier() -> str:
    """192 random bits, URL-safe: not derivable from any other certificate's identifier."""
    return secrets.token_urlsafe(24)


class Certificate(models.Model):
    """Proof that a participant completed a cohort. Public verification shows only
    the holder's name, the cohort and the date."""

    # PROTECT: nothing that removes a participation takes the certificate with it. A
    # certificate ends only by revocation (``certificate_revoke``), or reads as revoked
    # once its holder deleted their account (``member_anonymise``).
    participant = models.OneToOneField(
        Participant, on_delete=models.PROTECT, related_name="certificate"
    )
    identifier = models.CharField(
        max_length=64, unique=True, default=new_identifier, editable=False
    )
    holder_name = models.CharField(max_length=150, verbose_name=_("Holder"))
    cohort_title = models.CharField(max_length=255, verbose_name=_("Cohort"))
    programme_title = models.CharField(max_length=255, blank=True, verbose_name=_("Programme"))
    issued_on = models.DateField(verbose_name=_("Date of completion"))
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Revoked"))
    revoked_reason = models.CharField(max_length=300, blank=True, verbose_name=_("Reason"))
    # Its bit in the revocation status list (``cohorts.credentials``): random, unique.
    status_list_index = models.PositiveIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    # The signed Open Badges 3.0 credential (a compact JWS, ``application/vc+jwt``), kept
    # as issued so a key rotation never changes it. Emptied when the holder's account goes.
    credential = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("Certificate")
        verbose_name_plural = _("Certificates")

    def __str__(self):
        return f"{self.holder_name} · {self.cohort_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def verification_path(self, language: str | None = None) -> str:
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language or translation.get_language() or "en"):
            return reverse("cohorts:certificate_verify", args=[self.identifier])

    def verification_url(self, language: str | None = None) -> str:
        return settings.SITE_URL + self.verification_path(language)
