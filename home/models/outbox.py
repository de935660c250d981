from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEmail(models.Model):
    """An email waiting to go out, written in the same transaction as its cause.

    The row is the source of truth: a broker or mail server that is down delays
    delivery, never the record (see home.outbox for the lifecycle).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(verbose_name=_("To"))
    subject = models.CharField(max_length=255, verbose_name=_("Subject"))
    body_text = models.TextField(verbose_name=_("Text body"))
    language = models.CharField(max_length=8, default="en", verbose_name=_("Language"))
    attachments = models.JSONField(default=list, blank=True, verbose_name=_("Attachments"))
    reason = models.CharField(max_length=80, blank=True, verbose_name=_("Kind"))
    headers = models.JSONField(default=dict, blank=True, verbose_name=_("Extra headers"))
    #: For an email rendered at delivery (``home.notify.notify_at_delivery``): the
    #: renderer's name and its arguments, written with the cause; emptied once rendered.
    intent = models.JSONField(default=dict, blank=True, editable=False)
    dedupe_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        verbose_name=_("Deduplication key"),
        help_text=_("Two emails with the same key are never both written."),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, verbose_name=_("Status")
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("Attempts"))
    last_error = models.TextField(blank=True, verbose_name=_("Last error"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Created"))
    queued_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Handed to the queue"))
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Sent"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Outgoing email")
        verbose_name_plural = _("Outgoing emails")
        indexes = [models.Index(fields=["status", "queued_at"], name="outbox_status_queued")]

    def __str__(self):
        return f"{self.subject} → {self.to}"
