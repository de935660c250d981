"""Reminders before deadlines (``home.reminders``): who was reminded, and when staff want
reminders to go."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """One reminder sent: for one source, to one person, about one unfinished thing, at
    one offset before one deadline. The unique constraint is the claim that makes a
    reminder go at most once, whatever the number of workers; a moved deadline is a new
    deadline, so its reminders may go again."""

    source = models.CharField(max_length=80, verbose_name=_("Reminder"))
    kind = models.CharField(max_length=80, verbose_name=_("Kind"))
    #: ``user:<id>`` or ``email:<address>``: who, whether or not they have an account.
    recipient_key = models.CharField(max_length=300, verbose_name=_("Recipient key"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Member"),
    )
    email = models.EmailField(blank=True, verbose_name=_("Email"))
    target = models.CharField(max_length=200, verbose_name=_("Unfinished item"))
    offset = models.DurationField(verbose_name=_("Before the deadline"))
    deadline = models.DateTimeField(verbose_name=_("Deadline"))
    sent_at = models.DateTimeField(default=timezone.now, verbose_name=_("Sent"))

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("Reminder sent")
        verbose_name_plural = _("Reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "recipient_key", "target", "offset", "deadline"],
                name="sent_reminder_once",
            )
        ]
        indexes = [models.Index(fields=["source", "sent_at"], name="sent_reminder_source")]

    def __str__(self):
        return f"{self.source} → {self.email or self.recipient_key} ({self.target})"

    @property
    def source_label(self) -> str:
        from home import reminders

        found = reminders.source(self.source)
        return str(found.label) if found else self.source

    @property
    def offset_label(self) -> str:
        from home import reminders

        return reminders.offset_label(self.offset)


def _validate_offsets(value):
    from home import reminders

    try:
        reminders.parse_offsets(value)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


class ReminderSchedule(models.Model):
    """When the reminders of one source go, as staff set them (default: 7 days and 1 day
    before the deadline)."""

    source = models.CharField(max_length=80, unique=True, verbose_name=_("Reminder"))
    offsets = models.CharField(
        max_length=200,
        validators=[_validate_offsets],
        verbose_name=_("Reminder times"),
        help_text=_(
            "How long before the deadline, separated by commas: 7d for 7 days, 12h for "
            "12 hours (for example: 7d, 1d). Leave empty to send no reminder."
        ),
        blank=True,
    )

    class Meta:
        ordering = ["source"]
        verbose_name = _("Reminder times")
        verbose_name_plural = _("Reminder times")

    def __str__(self):
        return self.source_label

    def save(self, *args, **kwargs):
        from home import reminders

        self.offsets = reminders.format_offsets(reminders.parse_offsets(self.offsets))
        super().save(*args, **kwargs)

    @property
    def source_label(self) -> str:
        from home import reminders

        found = reminders.source(self.source)
        return str(found.label) if found else self.source
