"""Tokens that partner organisations use on the public API, and the log of their uses."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    #: The registrations of events the partner co-hosts, of registrants who agreed to share.
    REGISTRATIONS = "registrations:read", _("Read registrations of co-hosted events")


def hash_token(raw: str) -> str:
    """What is stored of a token: its SHA-256 (the token itself is shown once, never kept)."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A partner organisation's key to the API. Stored as a hash; shown once at creation."""

    name = models.CharField(
        max_length=120,
        verbose_name=_("Name"),
        help_text=_("What the token is for, for example “Partner CRM”."),
    )
    partner = models.ForeignKey(
        "cohorts.PartnerOrganisation",
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("Partner organisation"),
    )
    scopes = models.JSONField(default=list, blank=True, verbose_name=_("Scopes"))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    #: The first characters of the token, so that staff and the partner can tell tokens apart.
    prefix = models.CharField(max_length=12, editable=False, verbose_name=_("Begins with"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Created"))
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Expires"),
        help_text=_("Empty: the token works until it is revoked."),
    )
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Revoked"))
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Last used"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(s, s)) for s in self.scopes or []]


class ApiTokenUse(models.Model):
    """One request made with a token: when, what, and how it was answered."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="uses")
    at = models.DateTimeField(default=timezone.now, verbose_name=_("Time"))
    method = models.CharField(max_length=8, default="GET")
    path = models.CharField(max_length=300, verbose_name=_("Path"))
    status = models.PositiveSmallIntegerField(verbose_name=_("Status"))

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-at"]
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")
        indexes = [models.Index(fields=["token", "-at"], name="api_token_use_recent")]

    def __str__(self):
        return f"{self.token_id} {self.method} {self.path} {self.status}"
