"""Tickets and check-ins.

Every registration gets one ``Ticket`` the first time it is shown (its page, its
confirmation email, the staff's offline list): a long secret for the QR code (256 bits
from ``secrets``, never derived from an id) and a short code for typing at the door
(unique per event, from an alphabet without look-alike characters). The ticket is valid
while its registration is confirmed: cancelled or moved to the waiting list, it is
refused; confirmed again, the same ticket works again.

A ``CheckIn`` records who was let in, when, by whom and how. One per registration is
enforced by the database (a partial unique constraint on the check-ins not undone), so
two staff scanning the same ticket at once record one check-in. Undoing a check-in keeps
the row (``undone_at``, ``undone_by``) as the trace.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: Short codes: no 0/O, 1/I/L or U/V look-alikes (29 symbols; 8 of them, about 39 bits).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
CODE_LENGTH = 8
#: What the QR code carries before the secret (so a scanned stranger's QR is told apart).
QR_PREFIX = "OGC1:"


def new_secret() -> str:
    return secrets.token_urlsafe(32)  # 256 bits, 43 characters


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def secret_digest(secret: str) -> str:
    """What the offline list carries instead of the secret itself."""
    return hashlib.sha256(secret.encode()).hexdigest()


def normalise_code(text: str) -> str:
    """A typed code as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


class Ticket(models.Model):
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="ticket"
    )
    #: The registration's event, repeated so codes are unique per event. No database
    #: foreign key: its check would share-lock the event row, which a cancellation holds
    #: while it waits for the registration (a deadlock); Django still cascades deletes.
    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    secret = models.CharField(max_length=64, unique=True, editable=False)
    code = models.CharField(max_length=CODE_LENGTH, editable=False, verbose_name=_("Code"))
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("Ticket")
        verbose_name_plural = _("Tickets")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="ticket_code_unique_per_event"),
        ]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self) -> str:
        half = CODE_LENGTH // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    @property
    def qr_payload(self) -> str:
        return f"{QR_PREFIX}{self.secret}"

    @property
    def is_valid(self) -> bool:
        from events.models.registrations import RegistrationStatus

        return self.registration.status == RegistrationStatus.CONFIRMED


class CheckInMethod(models.TextChoices):
    SCAN = "scan", _("Scanned")
    CODE = "code", _("Typed code")
    NAME = "name", _("Found by name")
    OFFLINE = "offline", _("Offline, sent later")


class CheckIn(models.Model):
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="check_ins"
    )
    #: As ``Ticket.event``: no database foreign key, so checking in never waits for the
    #: event's row (held by registrations and cancellations).
    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    at = models.DateTimeField(verbose_name=_("Checked in"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("By"),
    )
    method = models.CharField(max_length=8, choices=CheckInMethod.choices, verbose_name=_("How"))
    device = models.CharField(max_length=100, blank=True, verbose_name=_("Device"))
    #: When the server recorded it (``at`` is when it happened, earlier when sent offline).
    recorded_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-at"]
        verbose_name = _("Check-in")
        verbose_name_plural = _("Check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(undone_at__isnull=True),
                name="one_check_in_per_registration",
            ),
        ]
        indexes = [models.Index(fields=["event", "undone_at"], name="check_in_event")]

    def __str__(self):
        return f"{self.registration_id} · {self.at:%Y-%m-%d %H:%M}"
