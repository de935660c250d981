"""Reports members make, and what moderators did: the platform's one moderation queue.

A report is about a message, a conversation, or anything another app registers as a
target (``messaging.targets``: a post in a group, for instance), named by ``subject`` and
``target_id``. Its ``scope`` ("space:12") names who besides moderators may act on it, as
the target's app decides. Staff never read private conversations: a moderator sees what
was reported, as it was at the moment of the report (``evidence``, a copy the author's
later edits cannot change), and nothing else. Every action is a ``ModerationAction`` row.
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

    class Subject(models.TextChoices):
        MESSAGE = "message", _("A message")
        CONVERSATION = "conversation", _("A conversation")

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
    #: What is reported: "message", "conversation", or a registered target's subject.
    subject = models.CharField(max_length=32, default=Subject.MESSAGE, verbose_name=_("About"))
    #: The reported thing's id in its own app (the message's, the conversation's, the post's).
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    #: Who besides moderators may act ("space:12": that group's hosts); empty: moderators only.
    scope = models.CharField(max_length=64, blank=True, default="")
    #: Where it happened, in words and as a path, copied when reported (for the desk).
    place_label = models.CharField(max_length=200, blank=True, default="")
    place_url = models.CharField(max_length=500, blank=True, default="")
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
        indexes = [
            models.Index(fields=["status", "created_at"], name="report_queue"),
            models.Index(fields=["scope", "status", "created_at"], name="report_scope_queue"),
            models.Index(fields=["subject", "target_id"], name="report_target"),
        ]

    def __str__(self):
        return f"report {self.pk} ({self.status})"

    @property
    def target(self):
        """The registered target this report is about (None for messages and
        conversations, which messaging handles itself)."""
        from messaging import targets

        return targets.get(self.subject)

    def get_subject_display(self) -> str:
        target = self.target
        if target is not None:
            return str(target.label)
        if self.subject in self.Subject.values:
            return str(self.Subject(self.subject).label)
        return self.subject


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

    @property
    def label(self) -> str:
        """The action in words: a registered target names its own removal ("Removed
        the post") and any action of its own ("Removed the member from the group")."""
        target = self.report.target if self.report_id and self.report else None
        if target is not None:
            if self.action == self.Action.REMOVE and target.removed_label:
                return str(target.removed_label)
            if self.action in target.actions:
                return str(target.actions[self.action])
        if self.action in self.Action.values:
            return str(self.Action(self.action).label)
        from messaging import targets

        return str(targets.action_label(self.action))
