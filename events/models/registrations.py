from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import Place


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("queue_number")


class Registration(models.Model):
    """One member's place (or place in line) at one event.

    Registrations always point at the event's original page (its first language), so
    the English, French and Spanish pages of an event share one capacity and one list.
    Writes go through ``events.services`` only: they lock the event row, so the count of
    confirmed places can never exceed the capacity.
    """

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("Event"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("Member"),
    )
    #: Kept so staff lists still read well; blanked when the member deletes their account.
    name = models.CharField(max_length=150, blank=True, verbose_name=_("Name"))
    email = models.EmailField(blank=True, verbose_name=_("Email"))
    status = models.CharField(
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        verbose_name=_("Status"),
    )
    #: At a hybrid event: in person or online, each with its own capacity and waiting
    #: list (empty at other events).
    place = models.CharField(
        max_length=12,
        blank=True,
        default="",
        choices=Place.choices,
        verbose_name=_("Place"),
    )
    #: Order of arrival (per event, assigned under the event lock): the waiting list order.
    queue_number = models.IntegerField(default=0, verbose_name=_("Queue number"))
    #: Bumped each time a cancelled registration is renewed, so emails are per round.
    round = models.PositiveSmallIntegerField(default=1, editable=False)
    answers = models.JSONField(default=dict, blank=True, verbose_name=_("Answers"))
    show_in_attendee_list = models.BooleanField(
        default=False,
        verbose_name=_("Show me to other registrants"),
        help_text=_(
            "Other people registered for this event may see your name, within your profile's privacy settings."
        ),
    )
    #: The registrant agreed, when registering, that the event's co-hosts may read this
    #: registration (their partner's API token, the api app).
    share_with_co_hosts = models.BooleanField(
        default=False, verbose_name=_("Share my registration with the event's co-hosts")
    )
    added_by_staff = models.BooleanField(default=False, verbose_name=_("Added by staff"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Registered"))
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Confirmed"))
    cancelled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Cancelled"))
    attended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Checked in"))
    reminded_24h_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_1h_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()
    #: Registrations are not content: keep them out of Wagtail's reference index.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["event", "queue_number"]
        verbose_name = _("Event registration")
        verbose_name_plural = _("Event registrations")
        permissions = [
            ("check_in_registration", "Can check registrants in at the door"),
            ("message_registrants", "Can message an event's registrants"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False),
                name="one_registration_per_member_per_event",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queue_number"], name="registration_queue"),
        ]

    def __str__(self):
        return f"{self.name or self.email or '—'} · {self.event_id} · {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED}

    @property
    def attended(self) -> bool:
        return self.attended_at is not None

    @property
    def answers_text(self) -> str:
        return "; ".join(
            f"{item.get('question')}: {item.get('answer')}"
            for item in (self.answers or {}).values()
        )

    def waitlist_position(self) -> int | None:
        """1 for the first person in line; None unless on the waiting list."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        line = {"place": self.place} if self.place else {}
        return (
            Registration.objects.filter(
                event_id=self.event_id,
                status=RegistrationStatus.WAITLISTED,
                **line,
                queue_number__lt=self.queue_number,
            ).count()
            + 1
        )


class EventMessage(models.Model):
    """A message staff sent to an event's registrants (kept for the record)."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Everyone with a confirmed place")
        ATTENDED = "attended", _("Those who attended")
        WAITLISTED = "waitlisted", _("The waiting list")

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="messages")
    audience = models.CharField(max_length=12, choices=Audience.choices, verbose_name=_("To"))
    subject = models.CharField(max_length=200, verbose_name=_("Subject"))
    body = models.TextField(max_length=10000, verbose_name=_("Message"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Message to registrants")
        verbose_name_plural = _("Messages to registrants")

    def __str__(self):
        return self.subject
