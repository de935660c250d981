import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField

from awards.storage import private_storage
from home.taxonomy import Sector


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()


class Nomination(models.Model):
    """A member's nomination of a person or an initiative in one category of an edition."""

    class Kind(models.TextChoices):
        PERSON = "person", _("A person")
        INITIATIVE = "initiative", _("An initiative")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Declined by the nominee")
        MERGED = "merged", _("Merged into another nomination")

    class Award(models.TextChoices):
        NONE = "", _("No award")
        WINNER = "winner", _("Winner")
        HONOURABLE_MENTION = "honourable_mention", _("Honourable mention")

    programme = models.ForeignKey(
        "awards.AwardProgrammePage",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("Programme"),
    )
    category = models.ForeignKey(
        "awards.AwardCategory",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("Category"),
    )
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_nominations",
        verbose_name=_("Nominator"),
    )
    kind = models.CharField(
        max_length=12, choices=Kind.choices, default=Kind.PERSON, verbose_name=_("Nominating")
    )
    is_self = models.BooleanField(default=False, verbose_name=_("I am nominating myself"))
    nominee_name = models.CharField(max_length=160, verbose_name=_("Nominee's name"))
    organisation = models.CharField(max_length=160, blank=True, verbose_name=_("Organisation"))
    country = CountryField(blank=True, verbose_name=_("Country"))
    sector = models.CharField(
        max_length=32, choices=Sector.choices, blank=True, verbose_name=_("Sector")
    )
    contact_email = models.EmailField(
        blank=True,
        verbose_name=_("Nominee's contact email"),
        help_text=_("Never shown publicly; used to tell the nominee about the result."),
    )
    nominee_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_nominations_received",
        verbose_name=_("Nominee's member profile"),
    )
    statements = models.JSONField(
        default=dict,
        blank=True,
        verbose_name=_("Statements"),
        help_text=_("Canonical criterion id → the nominator's statement."),
    )
    links = models.JSONField(default=list, blank=True, verbose_name=_("Supporting links"))
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, verbose_name=_("Status")
    )
    match_key = models.CharField(max_length=330, blank=True, editable=False, db_index=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="possible_duplicates",
        verbose_name=_("Possible duplicate of"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
        verbose_name=_("Merged into"),
    )
    shortlisted = models.BooleanField(default=False, verbose_name=_("Shortlisted"))
    award = models.CharField(
        max_length=20, choices=Award.choices, blank=True, default="", verbose_name=_("Award")
    )
    citation = models.JSONField(
        default=dict,
        blank=True,
        verbose_name=_("Citation"),
        help_text=_("The jury's citation per language code."),
    )
    story_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Story"),
    )
    story_url = models.URLField(blank=True, verbose_name=_("Or a story address"))
    feedback = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("Feedback to the nominee"),
        help_text=_("Optional. Sent to the nominee once, when the results are published."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Created"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Updated"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Submitted"))
    withdrawn_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Withdrawn"))
    declined_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Declined"))
    #: When the (member) nominee agreed to be considered; until then they are reminded
    #: before judging closes (``awards.reminders``).
    accepted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Accepted by the nominee")
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Nomination")
        verbose_name_plural = _("Nominations")
        permissions = [
            ("read_nomination_file", "Can read every nomination file and its attachments"),
            ("publish_results", "Can set and publish award results"),
            ("score_nomination", "Can score the nominations assigned to them as a juror"),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="nomination_programme_status"),
            models.Index(fields=["category", "match_key"], name="nomination_category_match"),
        ]

    def __str__(self):
        return f"{self.nominee_name} ({self.category})"

    def save(self, *args, **kwargs):
        self.match_key = f"{normalise(self.nominee_name)}|{normalise(self.organisation)}"[:330]
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SUBMITTED}

    @property
    def mark_shape(self) -> str:
        """The initials mark's shape (``{% avatar ... shape= %}``): an initiative is not a
        person, so it gets a square, not a person's disc."""
        return "square" if self.kind == self.Kind.INITIATIVE else ""

    def citation_in(self, language: str) -> str:
        return (
            self.citation.get(language)
            or self.citation.get("en")
            or next(iter(self.citation.values()), "")
        )


class NominationCredit(models.Model):
    """Another member credited with a nomination, e.g. after staff merged a duplicate."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="credits")
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_nomination_credits",
        verbose_name=_("Nominator"),
    )
    source = models.ForeignKey(
        Nomination,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("From nomination"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Nomination credit")
        verbose_name_plural = _("Nomination credits")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "nominator"], name="one_credit_per_nominator"
            )
        ]

    def __str__(self):
        return f"{self.nominator_id} → {self.nomination_id}"


def attachment_path(instance, filename):
    from home.private_files import generated_name

    return generated_name("nominations", instance.content_type)


class Attachment(models.Model):
    """A supporting file, stored privately (see awards.storage)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200, verbose_name=_("File name"))
    content_type = models.CharField(max_length=40, verbose_name=_("Type"))
    size = models.PositiveIntegerField(verbose_name=_("Size"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachments")

    def __str__(self):
        return self.original_name
