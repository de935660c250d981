"""Reports members make about messages and conversations, and what moderators did.

Staff never read private conversations: a moderator sees what was reported, as it was at
the moment of the report (``evidence``, a copy the sender's later edits cannot change),
and nothing else. Every action is a ``ModerationAction`` row.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Reason(models.TextChoices):
        HARASSMENT = "harassment", _("Harassment or intimidation")
        THREAT = "threat", _("A threat to someone's safety")
        PRIVATE_INFO = "private_info", _("Sharing someone's private information")
        SPAM = "spam", _("Spam or unwanted promotion")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a moderator")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Acted on")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    conversation = models.ForeignKey(
        "messaging.Conversation", on_delete=models.SET_NULL, null=True, related_name="reports"
    )
    #: Null when a whole conversation is reported.
    message = models.ForeignKey(
        "messaging.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    #: The member the report is about (the message's sender).
    reported = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(max_length=16, choices=Reason.choices, verbose_name=_("Reason"))
    comment = models.TextField(blank=True, max_length=1000, verbose_name=_("What happened"))
    #: What was reported, copied when it was: [{"id", "sender", "body", "created_at"}].
    evidence = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, verbose_name=_("Status")
    )
    created_at = models.DateTimeField(verbose_name=_("Reported"))
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Report")
        verbose_name_plural = _("Reports")
        ordering = ["-created_at"]
        permissions = [("moderate_messages", "Can moderate reported messages")]
        indexes = [models.Index(fields=["status", "created_at"], name="report_queue")]

    def __str__(self):
        return f"report {self.pk} ({self.status})"


class ModerationAction(models.Model):
    class Action(models.TextChoices):
        DISMISS = "dismiss", _("Dismissed the report")
        REMOVE = "remove", _("Removed the message")
        WARN = "warn", _("Warned the member")
        SUSPEND = "suspend", _("Suspended sending messages")
        LIFT = "lift", _("Lifted a suspension")

    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=10, choices=Action.choices, verbose_name=_("Action"))
    note = models.TextField(blank=True, max_length=1000, verbose_name=_("Note to the member"))
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Moderation action")
        verbose_name_plural = _("Moderation actions")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.action} by {self.moderator_id}"
