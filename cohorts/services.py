"""Writes for cohorts: applications, review, decisions, participants and certificates.

Every function is keyword-only, runs in one transaction and takes ``now=`` so tests fix
the clock. Who may do what is checked here, not in views:

=====================  ==========================================================
applicant (owner)       save a draft, submit, edit until the deadline, withdraw
``review_application``  move submitted → under review → shortlisted → accepted /
                        waitlisted / declined, add notes and scores, bulk decisions
``manage_cohort``       release decisions, accept beyond the number of places (with
                        an explicit override), mark completion, revoke certificates
=====================  ==========================================================
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from cohorts.models import (
    DECISIONS,
    Application,
    ApplicationFile,
    ApplicationStatus,
    Certificate,
    CohortPage,
    Participant,
    ReviewNote,
)
from home import links
from home.models import Theme
from home.notify import notify
from home.taxonomy import region_for_country, sector_family

S = ApplicationStatus

MSG_CLOSED = _("Applications for this cohort are closed.")
MSG_NOT_OPEN = _("Applications for this cohort are not open yet.")
MSG_NOT_YOURS = _("This is not your application.")
MSG_NOT_EDITABLE = _("This application can no longer be changed.")
MSG_NO_TRANSITION = _("An application cannot move from “%(from)s” to “%(to)s”.")
MSG_NOT_REVIEWER = _("Only cohort reviewers can do this.")
MSG_NOT_MANAGER = _("Only programme staff can do this.")
MSG_FULL = _(
    "Accepting this applicant would exceed the %(places)s places. Tick “accept beyond the "
    "number of places” to do it anyway."
)
MSG_REQUIRED = _("This question needs an answer.")
MSG_CANNOT_WITHDRAW = _("This application cannot be withdrawn.")
MSG_SCORE = _("A score is a whole number from 1 to 5.")

REVIEWER_PERM = "cohorts.review_application"
MANAGER_PERM = "cohorts.manage_cohort"

#: Reviewers' moves. Decisions may still change freely until they are released.
TRANSITIONS: dict[str, frozenset] = {
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.DECLINED}),
    S.UNDER_REVIEW: frozenset({S.SHORTLISTED, S.WAITLISTED, S.DECLINED}),
    S.SHORTLISTED: frozenset({S.UNDER_REVIEW, S.ACCEPTED, S.WAITLISTED, S.DECLINED}),
    S.WAITLISTED: frozenset({S.SHORTLISTED, S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.SHORTLISTED, S.WAITLISTED, S.DECLINED}),
    S.DECLINED: frozenset({S.SHORTLISTED, S.WAITLISTED, S.ACCEPTED}),
}
#: Applicants may withdraw from any of these.
WITHDRAWABLE = frozenset(
    {S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.WAITLISTED, S.ACCEPTED}
)


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(REVIEWER_PERM))


def is_manager(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(MANAGER_PERM))


def allowed_transitions(application: Application, user) -> list[str]:
    """The statuses ``user`` may move ``application`` to right now (for buttons)."""
    if not is_reviewer(user):
        return []
    moves = TRANSITIONS.get(application.status, frozenset())
    if application.released_status:
        # A released decision only moves forward from the waiting list.
        moves = (
            frozenset({S.ACCEPTED, S.DECLINED})
            if application.released_status == S.WAITLISTED
            else frozenset()
        )
    return [status for status in S.values if status in moves]


# ---------------------------------------------------------------------------
# Applicants
# ---------------------------------------------------------------------------
def _check_window(cohort: CohortPage, now: datetime) -> None:
    if now < cohort.applications_open:
        raise ValidationError(MSG_NOT_OPEN, code="not_open")
    if now >= cohort.applications_close:
        raise ValidationError(MSG_CLOSED, code="closed")


def _canonical_theme(theme: Theme | None) -> Theme | None:
    if theme is None:
        return None
    return Theme.objects.filter(translation_key=theme.translation_key).order_by("pk").first()


def application_start(*, cohort: CohortPage, member, now: datetime | None = None) -> Application:
    """The member's application to ``cohort``, created as a draft if there is none.

    Safe under double clicks and concurrent requests: the unique constraint lets one
    insert win; the loser reads the winner's row.
    """
    now = now or timezone.now()
    cohort = cohort.canonical
    existing = Application.objects.filter(cohort=cohort, applicant=member).first()
    if existing is not None:
        return existing
    _check_window(cohort, now)
    profile = getattr(member, "profile", None)
    defaults = {
        "applicant_name": member.get_full_name() or getattr(profile, "display_name", ""),
        "language": member.preferred_language,
    }
    if profile is not None:
        defaults.update(
            organisation=profile.organisation,
            country=profile.country,
            region=profile.region,
            sector=profile.sector,
            sector_family=sector_family(profile.sector) if profile.sector else "",
        )
    try:
        with transaction.atomic():
            return Application.objects.create(cohort=cohort, applicant=member, **defaults)
    except IntegrityError:
        return Application.objects.get(cohort=cohort, applicant=member)


def _check_owner_can_edit(application: Application, member, now: datetime) -> None:
    if application.applicant_id != member.pk:
        raise PermissionDenied(MSG_NOT_YOURS)
    if application.status not in {S.DRAFT, S.SUBMITTED}:
        raise ValidationError(MSG_NOT_EDITABLE, code="not_editable")
    _check_window(application.cohort, now)


def application_save(
    *,
    application: Application,
    member,
    data: dict,
    answers: dict,
    files: dict | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> Application:
    """Save the applicant's answers (a draft, or changes to a submitted application).

    ``data`` holds the standard fields (organisation, role, country, sector, scope, theme,
    gender); ``answers`` maps question ids to values; ``files`` maps question ids to
    uploaded files.
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        _check_owner_can_edit(application, member, now)
        for field in ("organisation", "role", "country", "sector", "scope", "gender"):
            if field in data:
                setattr(application, field, data[field] or "")
        if "theme" in data:
            application.theme = _canonical_theme(data["theme"])
        country = str(application.country.code if application.country else "")
        application.region = region_for_country(country)
        application.sector_family = sector_family(application.sector) if application.sector else ""
        kept = dict(application.answers)
        kept.update(answers)
        application.answers = kept
        if language:
            application.language = language
        application.save()
        for question_id, upload in (files or {}).items():
            ApplicationFile.objects.filter(
                application=application, question_id=question_id
            ).delete()
            ApplicationFile.objects.create(
                application=application,
                question_id=question_id,
                file=upload,
                original_name=upload.name[:200],
                size=upload.size or 0,
            )
    return application


def missing_answers(application: Application, cohort: CohortPage | None = None) -> list[str]:
    """Ids of required questions without an answer (files count when uploaded)."""
    cohort = cohort or application.cohort
    uploaded = set(application.files.values_list("question_id", flat=True))
    missing = []
    for question in cohort.question_list():
        if not question["required"]:
            continue
        if question["kind"] == "file":
            if question["id"] not in uploaded:
                missing.append(question["id"])
            continue
        value = application.answers.get(question["id"])
        if value in (None, "", []):
            missing.append(question["id"])
    return missing


def application_submit(
    *, application: Application, member, now: datetime | None = None
) -> Application:
    """Submit a draft inside the window, or confirm changes to a submitted one.

    The confirmation email goes once per application, however often it is edited.
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=application.pk)
        )
        _check_owner_can_edit(application, member, now)
        if missing_answers(application):
            raise ValidationError(MSG_REQUIRED, code="required")
        if application.status == S.DRAFT:
            application.status = S.SUBMITTED
            application.submitted_at = now
            application.save(update_fields=["status", "submitted_at", "updated_at"])
            notify(
                member,
                "cohorts.application_submitted",
                context=lambda language, cohort=application.cohort: {
                    "name": application.applicant_name,
                    "cohort_title": cohort.localized_for(language).title,
                    "deadline": cohort.close_local(),
                    "timezone": str(cohort.tz),
                },
                link=("cohorts:my_applications",),
                dedupe_key=f"cohort-application-submitted:{application.pk}",
            )
    return application


def application_withdraw(
    *, application: Application, member, now: datetime | None = None
) -> Application:
    now = now or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.applicant_id != member.pk:
            raise PermissionDenied(MSG_NOT_YOURS)
        if application.status not in WITHDRAWABLE or application.public_status == S.DECLINED:
            raise ValidationError(MSG_CANNOT_WITHDRAW, code="cannot_withdraw")
        application.status = S.WITHDRAWN
        application.released_status = ""
        application.withdrawn_at = now
        application.save(update_fields=["status", "released_status", "withdrawn_at", "updated_at"])
        Participant.objects.filter(application=application).delete()
    return application


# ---------------------------------------------------------------------------
# Reviewers
# ---------------------------------------------------------------------------
def accepted_count(cohort: CohortPage) -> int:
    return Application.objects.filter(cohort=cohort.canonical, status=S.ACCEPTED).count()


def application_transition(
    *,
    application: Application,
    to_status: str,
    by,
    override: bool = False,
    now: datetime | None = None,
) -> Application:
    """Move an application along the review, checking the move and who makes it."""
    if not is_reviewer(by):
        raise PermissionDenied(MSG_NOT_REVIEWER)
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=application.pk)
        )
        if to_status not in allowed_transitions(application, by):
            raise ValidationError(
                MSG_NO_TRANSITION,
                code="transition",
                params={"from": application.get_status_display(), "to": S(to_status).label},
            )
        if to_status == S.ACCEPTED:
            # Lock the cohort row so two reviewers cannot both take the last place.
            cohort = CohortPage.objects.select_for_update().get(pk=application.cohort_id)
            full = accepted_count(cohort) >= cohort.places
            if full and not (override and is_manager(by)):
                raise ValidationError(MSG_FULL, code="full", params={"places": cohort.places})
        previous = application.status
        application.status = to_status
        application.save(update_fields=["status", "updated_at"])
        log(
            application,
            "cohorts.status",
            user=by,
            data={"from": previous, "to": to_status, "override": override},
        )
    return application


@dataclass
class BulkResult:
    done: int
    errors: list[str]


def applications_bulk_transition(
    *, applications, to_status: str, by, override: bool = False, now=None
) -> BulkResult:
    """Apply one decision to many applications; each succeeds or fails on its own."""
    if not is_reviewer(by):
        raise PermissionDenied(MSG_NOT_REVIEWER)
    done, errors = 0, []
    for application in applications:
        try:
            application_transition(
                application=application, to_status=to_status, by=by, override=override, now=now
            )
            done += 1
        except ValidationError as exc:
            errors.append(f"{application.applicant_name}: {' '.join(exc.messages)}")
    return BulkResult(done=done, errors=errors)


def review_note_add(
    *, application: Application, by, text: str = "", score: int | None = None
) -> ReviewNote:
    if not is_reviewer(by):
        raise PermissionDenied(MSG_NOT_REVIEWER)
    if score is not None and not (1 <= int(score) <= 5):
        raise ValidationError(MSG_SCORE, code="score")
    with transaction.atomic():
        note = ReviewNote.objects.create(application=application, author=by, text=text, score=score)
        average = application.review_notes.filter(score__isnull=False).aggregate(a=Avg("score"))
        Application.objects.filter(pk=application.pk).update(score=average["a"])
        log(application, "cohorts.review_note", user=by, data={"score": score})
    return note


# ---------------------------------------------------------------------------
# Staff: releasing decisions, completion, certificates
# ---------------------------------------------------------------------------
def decisions_release(*, cohort: CohortPage, by, now: datetime | None = None) -> int:
    """Tell applicants the decisions taken so far: each decision is emailed exactly once.

    Nothing reaches applicants before this runs. Accepted applicants become participants.
    Returns how many applicants were told.
    """
    if not is_manager(by):
        raise PermissionDenied(MSG_NOT_MANAGER)
    now = now or timezone.now()
    cohort = cohort.canonical
    told = 0
    with transaction.atomic():
        pending = (
            Application.objects.select_for_update(of=("self",))
            .filter(cohort=cohort, status__in=DECISIONS)
            .select_related("applicant")
            .order_by("pk")
        )
        for application in pending:
            if application.released_status == application.status:
                continue
            application.released_status = application.status
            application.released_at = now
            application.save(update_fields=["released_status", "released_at", "updated_at"])
            if application.status == S.ACCEPTED and application.applicant_id:
                Participant.objects.get_or_create(
                    cohort=cohort,
                    user=application.applicant,
                    defaults={"application": application},
                )
            else:
                Participant.objects.filter(
                    application=application, status=Participant.Status.ACTIVE
                ).delete()
            if application.applicant is None:
                continue
            notify(
                application.applicant,
                "cohorts.decision",
                context=lambda language, application=application: {
                    "name": application.applicant_name,
                    "decision": application.status,
                    "cohort_title": cohort.localized_for(language).title,
                    "cohort_url": links.page_url(cohort, language),
                    "start_date": cohort.start_date,
                },
                link=("cohorts:my_applications",),
                dedupe_key=f"cohort-decision:{application.pk}:{application.status}",
            )
            told += 1
        log(cohort, "cohorts.release", user=by, data={"told": told})
    return told


def participant_set_completion(
    *, participant: Participant, completed: bool, by, now: datetime | None = None
) -> Participant:
    """Staff mark who completed: completers become alumni and get a certificate."""
    if not is_manager(by):
        raise PermissionDenied(MSG_NOT_MANAGER)
    now = now or timezone.now()
    with transaction.atomic():
        participant = (
            Participant.objects.select_for_update(of=("self",))
            .select_related("cohort", "user")
            .get(pk=participant.pk)
        )
        if completed:
            participant.status = Participant.Status.COMPLETED
            participant.completed_at = participant.completed_at or now
            participant.save(update_fields=["status", "completed_at"])
            certificate_issue(participant=participant, now=now)
        else:
            participant.status = Participant.Status.NOT_COMPLETED
            participant.completed_at = None
            participant.save(update_fields=["status", "completed_at"])
        log(participant.cohort, "cohorts.completion", user=by, data={"completed": completed})
    return participant


def certificate_issue(*, participant: Participant, now: datetime | None = None) -> Certificate:
    now = now or timezone.now()
    existing = Certificate.objects.filter(participant=participant).first()
    if existing is not None:
        return existing
    cohort = participant.cohort
    programme = cohort.get_parent()
    user = participant.user
    name = (user.get_full_name() if user else "") or (
        participant.application.applicant_name if participant.application else ""
    )
    certificate = Certificate.objects.create(
        participant=participant,
        holder_name=name,
        cohort_title=cohort.title,
        programme_title=programme.title if programme else "",
        issued_on=min(cohort.end_date, now.date()),
    )
    if user is not None:
        notify(
            user,
            "cohorts.certificate_issued",
            context=lambda language: {
                "name": name,
                "cohort_title": cohort.localized_for(language).title,
            },
            link=("cohorts:certificate", certificate.identifier),
            dedupe_key=f"cohort-certificate:{certificate.pk}",
        )
    return certificate


def certificate_revoke(
    *, certificate: Certificate, by, reason: str = "", now: datetime | None = None
) -> Certificate:
    if not is_manager(by):
        raise PermissionDenied(MSG_NOT_MANAGER)
    now = now or timezone.now()
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is None:
            certificate.revoked_at = now
            certificate.revoked_reason = reason[:300]
            certificate.save(update_fields=["revoked_at", "revoked_reason"])
            log(certificate, "cohorts.certificate_revoke", user=by, data={"reason": reason})
    return certificate


# ---------------------------------------------------------------------------
# Account deletion
# ---------------------------------------------------------------------------
def member_anonymise(*, user, now: datetime | None = None) -> None:
    """Keep applications and certificates as records, without the person's name or answers.

    A certificate without a holder cannot be verified any more: it reads as revoked.
    """
    now = now or timezone.now()
    applications = Application.objects.filter(applicant=user)
    ApplicationFile.objects.filter(application__in=applications).delete()
    applications.update(
        applicant=None, applicant_name="", answers={}, organisation="", role="", gender=""
    )
    Certificate.objects.filter(participant__user=user).update(
        holder_name="", revoked_at=now, revoked_reason="account deleted"
    )
    Participant.objects.filter(user=user).update(user=None)
