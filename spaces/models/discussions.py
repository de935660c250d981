"""Discussions in a space: threads of posts, and who follows or mutes them.

A thread's first post is its opening text. Announcements are threads only hosts start;
they reach every member through ``notify()`` at once, and muting does not apply to them.
Nothing a member wrote is deleted by a cascade: a deleted post shows "Post deleted", a
moderator's or host's removal "Removed by a moderator", and a deleted account leaves its
posts attributed to "Former member" (``author`` null).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_TITLE = 150
MAX_BODY = 8000


class Thread(models.Model):
    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_threads",
    )
    title = models.CharField(max_length=MAX_TITLE, verbose_name=_("Title"))
    is_announcement = models.BooleanField(default=False, verbose_name=_("Announcement"))
    pinned_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)
    #: Hidden by a host or moderator: only hosts and moderators still see it.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    #: The latest post's time, copied so a space's threads are one index scan (pinned
    #: threads, a handful, are read first on their own).
    last_post_at = models.DateTimeField()
    post_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Thread")
        verbose_name_plural = _("Threads")
        indexes = [
            models.Index(
                F("space"),
                F("last_post_at").desc(),
                name="thread_order",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_pinned(self) -> bool:
        return self.pinned_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space_posts",
    )
    body = models.TextField(max_length=MAX_BODY, verbose_name=_("Post"))
    html = models.TextField(blank=True)
    #: The interface language the author wrote in (``lang`` on the post).
    language = models.CharField(max_length=10, blank=True)
    #: The post this one quotes (its words are copied into ``quote_text`` when quoted).
    quote = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="quoted_by"
    )
    quote_text = models.TextField(blank=True, max_length=MAX_BODY)
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Post")
        verbose_name_plural = _("Posts")
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="post_order"),
            models.Index(fields=["author", "created_at"], name="post_author_time"),
        ]

    def __str__(self):
        return f"{self.author_id} in {self.thread_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_gone(self) -> bool:
        return self.deleted_at is not None or self.removed_at is not None


class ThreadSubscription(models.Model):
    """Follow: told of new replies. Mute: never told about this thread (announcements
    excepted). Authors and repliers follow by default."""

    class State(models.TextChoices):
        FOLLOW = "follow", _("Following")
        MUTE = "mute", _("Muted")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_subscriptions"
    )
    state = models.CharField(max_length=6, choices=State.choices)
    #: Followers' notifications are gathered per thread until they read it.
    last_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Thread subscription")
        verbose_name_plural = _("Thread subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_subscription_per_thread")
        ]
        indexes = [
            models.Index(fields=["thread"], name="thread_followers", condition=Q(state="follow"))
        ]

    def __str__(self):
        return f"{self.user_id} {self.state} {self.thread_id}"
