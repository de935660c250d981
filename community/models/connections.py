from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Connection(models.Model):
    """An accepted connection between two members, stored once per pair (low id first)."""

    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Connection")
        verbose_name_plural = _("Connections")
        constraints = [
            models.UniqueConstraint(
                fields=["user_low", "user_high"], name="one_connection_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(user_low__lt=F("user_high")), name="connection_ordered_pair"
            ),
        ]

    def __str__(self):
        return f"{self.user_low_id} ↔ {self.user_high_id}"

    @staticmethod
    def ordered(a_id: int, b_id: int) -> tuple[int, int]:
        return (a_id, b_id) if a_id < b_id else (b_id, a_id)


class Block(models.Model):
    """``blocker`` never wants to hear from ``blocked`` again; ``blocked`` is not told."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Block")
        verbose_name_plural = _("Blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
        ]

    def __str__(self):
        return f"{self.blocker_id} ⊘ {self.blocked_id}"


class ConnectionRequest(models.Model):
    """A request from ``sender`` to ``recipient``; at most one pending per pair, either way.

    Rows are kept after they are answered (the daily limit counts them, and a declined
    request keeps the sender from asking again too soon); only ``PENDING`` ones are live.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="requests_received"
    )
    #: The pair, low id first, whatever the direction: the pending constraint uses it.
    pair_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    pair_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(blank=True, max_length=300, verbose_name=_("Note"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, verbose_name=_("Status")
    )
    created_at = models.DateTimeField(verbose_name=_("Sent"))
    answered_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Connection request")
        verbose_name_plural = _("Connection requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair_low", "pair_high"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(pair_low__lt=F("pair_high")), name="request_ordered_pair"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "status"], name="request_inbox"),
            models.Index(fields=["sender", "created_at"], name="request_outbox"),
        ]

    def __str__(self):
        return f"{self.sender_id} → {self.recipient_id} ({self.status})"

    def save(self, *args, **kwargs):
        self.pair_low_id, self.pair_high_id = Connection.ordered(self.sender_id, self.recipient_id)
        super().save(*args, **kwargs)
