"""Private conversations between members: 1:1 or small groups (up to 20 people).

A direct conversation is stored once per pair (low id first) while it is open: the
database refuses a second open one, so two members writing to each other at the same
moment share one. Blocking ends it (``ended_at``); a new one may start after an unblock.

Messages keep what the sender typed (``body``) and its sanitised rendering (``html``).
Nothing a member sent is deleted by a cascade: deleting shows "Message deleted", a
moderator's removal shows "Removed by a moderator", and a deleted account leaves its
messages to the others, attributed to "Former member" (``sender`` null).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from home.private_files import PrivateStorage, generated_name

#: Most people in one conversation, the starter included.
MAX_PARTICIPANTS = 20
MAX_BODY = 4000
MAX_TITLE = 120

private_storage = PrivateStorage(area="messages", root_setting="MESSAGES_PRIVATE_ROOT")


class Audience(models.TextChoices):
    """Who may start a conversation with a member."""

    CONNECTIONS = "connections", _("My connections")
    SHARED = "shared", _("My connections, and people in my cohorts and groups")
    NOBODY = "nobody", _("Nobody")


class MessagingSettings(models.Model):
    """A member's choices about messages and exchange requests, and any suspension."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messaging_settings"
    )
    who_may_message = models.CharField(
        max_length=12,
        choices=Audience.choices,
        default=Audience.SHARED,
        verbose_name=_("Who may start a conversation with me"),
    )
    #: Mentoring and peer exchange: "open to" on the profile says the member is open to
    #: requests; these say whether they take new ones now, and how many at once.
    exchanges_paused = models.BooleanField(
        default=False, verbose_name=_("Pause new mentoring and peer-exchange requests")
    )
    exchanges_at_once = models.PositiveSmallIntegerField(
        default=3, verbose_name=_("How many requests I take on at once")
    )
    #: Set by a moderator: the member cannot send messages while suspended
    #: (``suspended_until`` null with ``suspended_at`` set means until lifted).
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Message settings")
        verbose_name_plural = _("Message settings")

    def __str__(self):
        return f"{self.user_id}: {self.who_may_message}"

    def is_suspended(self, now) -> bool:
        if self.suspended_at is None:
            return False
        return self.suspended_until is None or self.suspended_until > now


class Conversation(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", _("Between two people")
        GROUP = "group", _("Group conversation")

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.DIRECT)
    title = models.CharField(max_length=MAX_TITLE, blank=True, verbose_name=_("Title"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    #: Direct conversations only: the pair, low id first.
    pair_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pair_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    last_message_at = models.DateTimeField()
    #: A direct conversation ends when one of the two blocks the other.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Conversation")
        verbose_name_plural = _("Conversations")
        constraints = [
            models.UniqueConstraint(
                fields=["pair_low", "pair_high"],
                condition=Q(kind="direct", ended_at__isnull=True),
                name="one_open_direct_conversation_per_pair",
            ),
            models.CheckConstraint(
                condition=Q(pair_low__isnull=True)
                | Q(pair_high__isnull=True)
                | Q(pair_low__lt=F("pair_high")),
                name="conversation_ordered_pair",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.kind} {self.pk}"

    @property
    def is_group(self) -> bool:
        return self.kind == self.Kind.GROUP


class Participant(models.Model):
    """A member in a conversation. ``activity_at`` copies the conversation's latest
    activity so the inbox is one index scan on (user, activity_at)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_places"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)
    #: The member blocked someone here: the conversation is gone from their inbox.
    hidden_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)
    activity_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Participant")
        verbose_name_plural = _("Participants")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="one_place_per_person"),
        ]
        indexes = [
            models.Index(
                F("user"),
                F("activity_at").desc(),
                name="inbox_order",
                condition=Q(left_at__isnull=True, hidden_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    #: Null once the sender's account is deleted: shown as "Former member".
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages_sent",
    )
    body = models.TextField(max_length=MAX_BODY, verbose_name=_("Message"))
    html = models.TextField(blank=True)
    #: The interface language the sender wrote in (``lang`` on the message).
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Message")
        verbose_name_plural = _("Messages")
        indexes = [
            models.Index(fields=["conversation", "created_at", "id"], name="conversation_order"),
            models.Index(fields=["sender", "created_at"], name="message_sender_time"),
        ]

    def __str__(self):
        return f"{self.sender_id} in {self.conversation_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_gone(self) -> bool:
        return self.deleted_at is not None or self.removed_at is not None


def attachment_path(instance, filename):
    return generated_name("attachments", instance.content_type)


class Attachment(models.Model):
    """A file shared in a message: only the conversation's participants may download it."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200, verbose_name=_("File name"))
    content_type = models.CharField(max_length=40, verbose_name=_("Type"))
    size = models.PositiveIntegerField(verbose_name=_("Size"))

    class Meta:
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachments")

    def __str__(self):
        return self.original_name
