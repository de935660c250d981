"""Mentoring and peer exchange as a workflow: a structured request, an answer, a
conversation, and one question afterwards about how it went."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExchangeRequest(models.Model):
    class Kind(models.TextChoices):
        MENTORING = "mentoring", _("Mentoring")
        PEER_EXCHANGE = "peer_exchange", _("Peer exchange")

    class Format(models.TextChoices):
        ONE_CALL = "one_call", _("One call")
        FEW_EXCHANGES = "few", _("A few exchanges")
        MENTORSHIP = "mentorship", _("A longer mentorship")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        PROPOSED = "proposed", _("Something else proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    #: A request still waiting for the other person.
    OPEN = (Status.PENDING, Status.PROPOSED)

    #: The kind, pre-written replies a member can decline with (stored as the key,
    #: shown in the reader's language).
    DECLINE_REPLIES = {
        "no_time": _("Thank you for asking. I do not have the time just now."),
        "outside": _(
            "Thank you for asking. This is outside what I know well, so I am not the right "
            "person for it."
        ),
        "later": _("Thank you for asking. Please ask me again in a few months."),
    }

    #: How long each format lasts before both are asked how it went.
    PERIODS = {
        Format.ONE_CALL: timedelta(days=14),
        Format.FEW_EXCHANGES: timedelta(days=60),
        Format.MENTORSHIP: timedelta(days=180),
    }

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchanges_sent"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchanges_received"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, verbose_name=_("Kind"))
    topic = models.CharField(max_length=120, verbose_name=_("Topic"))
    hopes = models.TextField(max_length=1000, verbose_name=_("What you hope to learn"))
    format = models.CharField(max_length=12, choices=Format.choices, verbose_name=_("Format"))
    language = models.CharField(max_length=5, verbose_name=_("Language"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    #: The recipient's other proposal (format and a note), when they propose something else.
    proposed_format = models.CharField(max_length=12, choices=Format.choices, blank=True)
    proposal = models.TextField(blank=True, max_length=600)
    #: The pre-written kind reply the recipient chose when declining.
    decline_reply = models.CharField(max_length=16, blank=True)
    conversation = models.ForeignKey(
        "messaging.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    #: When the agreed period ends; both are asked once, after it, how it went.
    ends_at = models.DateTimeField(null=True, blank=True)
    feedback_asked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mentoring or peer-exchange request")
        verbose_name_plural = _("Mentoring and peer-exchange requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient", "kind"],
                condition=Q(status__in=["pending", "proposed"]),
                name="one_open_exchange_request",
            )
        ]
        indexes = [
            models.Index(fields=["recipient", "status"], name="exchange_inbox"),
            models.Index(fields=["status", "ends_at"], name="exchange_followup"),
        ]

    def __str__(self):
        return f"{self.sender_id} → {self.recipient_id}: {self.kind} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def decline_reply_text(self) -> str:
        """The chosen kind reply, in the active language."""
        reply = self.DECLINE_REPLIES.get(self.decline_reply)
        return str(reply) if reply else ""


class ExchangeFeedback(models.Model):
    """One answer per person to "how did it go?"; feeds the network-health figures."""

    class Rating(models.IntegerChoices):
        NOT_USEFUL = 1, _("Not useful")
        SOMEWHAT = 2, _("Somewhat useful")
        USEFUL = 3, _("Useful")
        VERY = 4, _("Very useful")

    request = models.ForeignKey(ExchangeRequest, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, verbose_name=_("How it went"))
    comment = models.TextField(blank=True, max_length=600, verbose_name=_("Anything to add"))
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Exchange feedback")
        verbose_name_plural = _("Exchange feedback")
        constraints = [
            models.UniqueConstraint(fields=["request", "author"], name="one_feedback_per_person")
        ]

    def __str__(self):
        return f"{self.request_id}: {self.rating}"
