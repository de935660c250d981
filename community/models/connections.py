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
