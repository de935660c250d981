from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField

from home.taxonomy import Region, Sector


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waiting list")
    DECLINED = "declined", _("Not selected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: Statuses that are decisions: applicants learn them only when staff release them.
DECISIONS = frozenset(
    {ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.DECLINED}
)


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    LOCAL = "local", _("Local or subnational")
    INTERNATIONAL = "international", _("Regional or international")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("I describe myself another way")
    UNDISCLOSED = "undisclosed", _("I prefer not to say")


class Application(models.Model):
    """A member's application to one cohort (the cohort's original-language page).

    At most one per member and cohort (a database constraint, so double clicks and
    concurrent requests cannot make two). The applicant sees ``released_status`` for
    decisions; ``status`` is the reviewers' working state.
    """

    cohort = models.ForeignKey(
        "cohorts.CohortPage",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("Cohort"),
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohort_applications",
        verbose_name=_("Applicant"),
    )
    applicant_name = models.CharField(max_length=150, blank=True, verbose_name=_("Name"))
    language = models.CharField(max_length=8, default="en", verbose_name=_("Language"))
    status = models.CharField(
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
        verbose_name=_("Status"),
    )
    released_status = models.CharField(
        max_length=16,
        choices=ApplicationStatus.choices,
        blank=True,
        verbose_name=_("Decision released"),
    )
    released_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Released"))

    # What the balance is built from: the applicant's own answers, kept as submitted.
    organisation = models.CharField(max_length=160, blank=True, verbose_name=_("Organisation"))
    role = models.CharField(max_length=160, blank=True, verbose_name=_("Role"))
    country = CountryField(blank=True, verbose_name=_("Country"))
    region = models.CharField(
        max_length=32, choices=Region.choices, blank=True, verbose_name=_("Region")
    )
    sector = models.CharField(
        max_length=32, choices=Sector.choices, blank=True, verbose_name=_("Sector")
    )
    sector_family = models.CharField(max_length=16, blank=True, verbose_name=_("Sector family"))
    scope = models.CharField(
        max_length=16, choices=Scope.choices, blank=True, verbose_name=_("Scope of work")
    )
    theme = models.ForeignKey(
        "home.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Theme"),
    )
    gender = models.CharField(
        max_length=16, choices=Gender.choices, blank=True, verbose_name=_("Gender")
    )
    answers = models.JSONField(default=dict, blank=True, verbose_name=_("Answers"))

    score = models.DecimalField(
        max_digits=4, decimal_places=2, null=True, blank=True, verbose_name=_("Average score")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Started"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Updated"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Submitted"))
    withdrawn_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Withdrawn"))
    #: How many times it was submitted: above 1, it was withdrawn and submitted again.
    submission_count = models.PositiveSmallIntegerField(
        default=0, editable=False, verbose_name=_("Submissions")
    )

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("Cohort application")
        verbose_name_plural = _("Cohort applications")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "applicant"], name="one_application_per_member_per_cohort"
            )
        ]
        indexes = [models.Index(fields=["cohort", "status"], name="application_cohort_status")]
        permissions = [
            ("review_application", _("Can review cohort applications")),
            ("manage_cohort", _("Can release decisions, mark completion and revoke certificates")),
        ]

    def __str__(self):
        return f"{self.applicant_name or _('Former member')} · {self.cohort.title}"

    @property
    def public_status(self) -> str:
        """What the applicant sees: never a decision before it is released."""
        if self.released_status:
            return self.released_status
        if self.status in {ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN}:
            return self.status
        if self.status == ApplicationStatus.SUBMITTED:
            return ApplicationStatus.SUBMITTED
        return ApplicationStatus.UNDER_REVIEW

    def get_public_status_display(self) -> str:
        return ApplicationStatus(self.public_status).label

    @property
    def is_resubmission(self) -> bool:
        return self.submission_count > 1

    def snapshot(self) -> dict:
        """The application as it stands, in the form an ``ApplicationSubmission`` keeps:
        standard fields, answers by question id, files (name, stored path, size)."""
        theme = self.theme
        return {
            "organisation": self.organisation,
            "role": self.role,
            "country": str(self.country.code if self.country else ""),
            "sector": self.sector,
            "scope": self.scope,
            "theme": str(theme.translation_key) if theme else "",
            "theme_name": theme.name if theme else "",
            "gender": self.gender,
            "answers": dict(self.answers),
            "files": {
                upload.question_id: {
                    "name": upload.original_name,
                    "path": upload.file.name,
                    "size": upload.size,
                }
                for upload in self.files.all()
            },
        }

    @property
    def email_language(self) -> str:
        """The language the applicant is written to in: theirs, else the one they applied in."""
        applicant = self.applicant
        return (applicant.preferred_language if applicant else "") or self.language


class ApplicationSubmission(models.Model):
    """One submitted version of an application, kept exactly as it was sent.

    A row is written at every submission. An applicant may withdraw and submit again
    while the call is open; reviewers then read every earlier version here, so no answer
    ever changes silently under them. ``data`` holds the standard fields, the answers by
    question id and the files (name, stored path, size) by question id.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField(verbose_name=_("Submission"))
    submitted_at = models.DateTimeField(verbose_name=_("Submitted"))
    withdrawn_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Withdrawn"))
    data = models.JSONField(default=dict, blank=True, verbose_name=_("Answers as submitted"))

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("Application submission")
        verbose_name_plural = _("Application submissions")
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="one_row_per_submission")
        ]

    def __str__(self):
        return f"{self.application_id} #{self.number}"

    @property
    def is_resubmission(self) -> bool:
        return self.number > 1


def unreleased_decisions(cohort) -> models.QuerySet:
    """Decisions on ``cohort`` that applicants have not been told yet (what a release sends)."""
    return Application.objects.filter(cohort=cohort, status__in=DECISIONS).exclude(
        released_status=models.F("status")
    )


def application_upload_to(instance, filename):
    return (
        f"cohort-applications/{instance.application.cohort_id}/{instance.application_id}/{filename}"
    )


class ApplicationFile(models.Model):
    """A file an applicant uploaded for one question. Served only to them and reviewers."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    question_id = models.CharField(max_length=64)
    file = models.FileField(upload_to=application_upload_to, max_length=300)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Application file")
        verbose_name_plural = _("Application files")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question_id"], name="one_file_per_question"
            )
        ]

    def __str__(self):
        return self.original_name


class ReviewNote(models.Model):
    """A reviewer's note and score. Reviewers only: applicants never see these."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="review_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(blank=True, max_length=4000, verbose_name=_("Note"))
    score = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("Score (1-5)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Review note")
        verbose_name_plural = _("Review notes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="review_score_1_to_5",
            )
        ]

    def __str__(self):
        return f"{self.application_id}: {self.score or '-'}"
