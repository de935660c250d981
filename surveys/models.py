"""Surveys: questionnaires editors build, sent in rounds, answered anonymously.

- :class:`Survey` is a translatable snippet (wagtail-localize): title, introduction, the
  kernel's questions (``home.questions``), when it runs and to whom.
- :class:`SurveyRound` is one sending of a survey: after one event, at the end of one
  cohort, or one launch of a stakeholder survey. Rounds, invitations and answers always
  point at the survey's original (its first language); people read it in theirs.
- :class:`Invitation` says who was asked (and is the key of the signed link they get).
- :class:`Receipt` says who has answered; :class:`Response` holds the answers, with no
  link to the person: a random id, no time, at most the coarse sector family and region.
  The receipt and the response are written in one transaction, and the receipt's unique
  constraint (round, member) makes a second answer impossible, even at the same moment.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.questions import QuestionBlock, question_list
from home.taxonomy import Region


class Audience(models.TextChoices):
    AFTER_EVENT = "after_event", _("After an event: the people who attended")
    END_OF_COHORT = "end_of_cohort", _("At the end of a cohort: its participants")
    STAKEHOLDERS = "stakeholders", _("Stakeholder survey: a chosen group, when staff launch it")


def group_choices():
    """The groups a stakeholder survey can be sent to."""
    return [
        ("all", _("All members")),
        ("alumni", _("Alumni")),
        ("family:government", _("Sector family: government")),
        ("family:civil_society", _("Sector family: civil society")),
        ("family:other", _("Sector family: other")),
        *[(f"region:{value}", f"{_('Region')}: {label}") for value, label in Region.choices],
    ]


class Family(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", _("Other")


class Survey(TranslatableMixin, models.Model):
    title = models.CharField(max_length=200, verbose_name=_("Title"))
    introduction = models.TextField(
        max_length=2000,
        blank=True,
        verbose_name=_("Introduction"),
        help_text=_("Why you ask and how long it takes. Shown above the questions."),
    )
    questions = StreamField(
        [("question", QuestionBlock())], blank=True, verbose_name=_("Questions")
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.STAKEHOLDERS,
        verbose_name=_("Who is asked"),
    )
    group = models.CharField(
        max_length=40,
        choices=group_choices,
        default="all",
        verbose_name=_("Group (stakeholder surveys)"),
    )
    opens_at = models.DateTimeField(
        default=timezone.now,
        verbose_name=_("Opens"),
        help_text=_(
            "After an event or a cohort: events and cohorts that end from this moment get "
            "the survey."
        ),
    )
    closes_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Closes"),
        help_text=_(
            "Stakeholder surveys: answers are taken until then. After an event or a cohort: "
            "no new rounds start after it (leave empty to keep sending)."
        ),
    )
    days_to_answer = models.PositiveSmallIntegerField(
        default=14,
        verbose_name=_("Days to answer (after an event or a cohort)"),
    )
    keep_attributes = models.BooleanField(
        default=True,
        verbose_name=_("Keep the sector family and region with each answer"),
        help_text=_(
            "Only these two coarse attributes, never the person, so that results can compare "
            "groups (for example trust between sectors). The form says so."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("group"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("days_to_answer"),
                FieldPanel("keep_attributes"),
            ],
            heading=_("Sending"),
        ),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("introduction"),
        TranslatableField("questions"),
        SynchronizedField("audience"),
        SynchronizedField("group"),
        SynchronizedField("opens_at"),
        SynchronizedField("closes_at"),
        SynchronizedField("days_to_answer"),
        SynchronizedField("keep_attributes"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-opens_at", "pk"]
        verbose_name = _("Survey")
        verbose_name_plural = _("Surveys")
        permissions = [
            ("view_results", "Can see survey results"),
            ("launch_survey", "Can launch a stakeholder survey"),
        ]

    def __str__(self):
        return self.title

    @property
    def canonical(self) -> "Survey":
        """The original survey (the first made of its translations): what rounds point at."""
        if getattr(self, "_canonical", None) is None:
            self._canonical = (
                Survey.objects.filter(translation_key=self.translation_key).order_by("pk").first()
                or self
            )
        return self._canonical

    def localized_for(self, language: str) -> "Survey":
        """This survey in ``language`` if it is translated, else the original."""
        return (
            Survey.objects.filter(
                translation_key=self.translation_key, locale__language_code=language
            ).first()
            or self.canonical
        )

    def question_list(self) -> list[dict]:
        return question_list(self.questions)


class SurveyRound(models.Model):
    """One sending of a survey: to one event's attendees, one cohort, or one launch."""

    survey = models.ForeignKey(
        Survey, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("Survey")
    )
    event = models.ForeignKey(
        "events.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Event"),
    )
    cohort = models.ForeignKey(
        "cohorts.CohortPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Cohort"),
    )
    group = models.CharField(max_length=40, blank=True)
    opens_at = models.DateTimeField(verbose_name=_("Opens"))
    closes_at = models.DateTimeField(verbose_name=_("Closes"))
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "event"],
                condition=Q(event__isnull=False),
                name="survey_round_one_per_event",
            ),
            models.UniqueConstraint(
                fields=["survey", "cohort"],
                condition=Q(cohort__isnull=False),
                name="survey_round_one_per_cohort",
            ),
        ]

    def __str__(self):
        return f"{self.survey} · {self.opens_at:%Y-%m-%d}"

    def is_open(self, *, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Invitation(models.Model):
    """``user`` was asked to answer ``round`` (once: the unique constraint and the
    notification's dedupe key)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="survey_invitation_once")
        ]

    def __str__(self):
        return f"{self.round_id} · {self.user_id}"


class Receipt(models.Model):
    """``user`` has answered ``round``. Says nothing about what they answered."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_receipts"
    )
    answered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="survey_receipt_once")
        ]

    def __str__(self):
        return f"{self.round_id} · {self.user_id}"


class Response(models.Model):
    """One set of answers, keyed by question id, with no link to who gave them.

    A random primary key and no timestamp, so that answers cannot be matched to receipts
    by their order or time; only the coarse sector family and region, when the survey
    keeps them (said on the form).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="responses")
    answers = models.JSONField(default=dict)
    sector_family = models.CharField(max_length=16, choices=Family.choices, blank=True)
    region = models.CharField(max_length=32, choices=Region.choices, blank=True)

    def __str__(self):
        return str(self.pk)
