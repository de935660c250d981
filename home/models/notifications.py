from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How a member wants to hear about one kind of notification."""

    IMMEDIATE = "immediate", _("By email at once")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    SITE = "site", _("On the site only")


#: The deliveries that gather notifications into a digest email.
DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


class Notification(models.Model):
    """Something a member was told, shown in their notification centre.

    Written by ``home.notify.notify()`` in the same transaction as its cause, already
    rendered in the member's language. ``digest`` holds the period of the digest email
    it waits for (empty when it went by email at once, or stays on the site).
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("Recipient"),
    )
    kind = models.CharField(max_length=80, verbose_name=_("Kind"))
    title = models.CharField(max_length=300, verbose_name=_("Title"))
    link = models.URLField(max_length=600, blank=True, verbose_name=_("Link"))
    language = models.CharField(max_length=8, verbose_name=_("Language"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Created"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Read"))
    digest = models.CharField(
        max_length=10,
        blank=True,
        choices=[(d.value, d.label) for d in DIGESTS],
        verbose_name=_("Waiting for the digest"),
    )
    digested_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Sent in a digest"))
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Notification")
        verbose_name_plural = _("Notifications")
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recent"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["digest", "recipient"],
                condition=Q(digested_at__isnull=True) & ~Q(digest=""),
                name="notification_digest_due",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A member's choice for one kind; kinds without a row use the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(max_length=80)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Notification preference")
        verbose_name_plural = _("Notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.delivery}"


class EmailSuppression(models.Model):
    """An address without an account that asked for no more emails of one kind."""

    email = models.EmailField()
    kind = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unsubscribed address")
        verbose_name_plural = _("Unsubscribed addresses")
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_suppression_per_kind")
        ]

    def __str__(self):
        return f"{self.email}: {self.kind}"
