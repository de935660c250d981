"""Writes for cohorts: applications, review, decisions, participants and certificates.

Every function is keyword-only, runs in one transaction and takes ``now=`` so tests fix
the clock. Who may do what is checked here, not in views:

=====================  ==========================================================
applicant (owner)       save a draft, submit (then the answers are locked), withdraw
                        until the cohort starts, apply again while the call is open
``review_application``  move submitted → under review → shortlisted → accepted /
                        waitlisted / declined, add notes and scores, bulk decisions
``manage_cohort``       release decisions (an explicit override while applications
                        are open), accept beyond the number of places (with an
                        explicit override), mark completion, revoke certificates
=====================  ==========================================================

Refusals raise the errors of ``cohorts.errors`` (a ``ServiceError`` with a code).

What a member earned is never destroyed here: a completion stays, and a certificate ends
only by ``certificate_revoke`` (staff, with a reason, logged). A submitted application's
answers are never edited: each submission is kept as an ``ApplicationSubmission``.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from cohorts import credential_keys, credentials
from cohorts.errors import (
    ApplicationError,
    CertificateError,
    CohortsNotAllowed,
    ParticipantError,
    ReleaseError,
    ReviewError,
    RubricError,
)
from cohorts.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    ApplicationSubmission,
    Certificate,
    CohortPage,
    Participant,
    Review,
    ReviewAssignment,
    ReviewNote,
    ReviewScore,
    unreleased_decisions,
)
from cohorts.permissions import (
    can_manage_participants,
    can_release_decisions,
    can_review_applications,
)
from home import links
from home.errors import check_length
from home.models import Theme
from home.notify import notify
from home.taxonomy import region_for_country, sector_family

S = ApplicationStatus
logger = logging.getLogger(__name__)

#: Shown under each unanswered required question when an applicant submits.
MSG_REQUIRED = _("This question needs an answer.")
#: What an account deletion writes on the certificate it voids.
ACCOUNT_DELETED = "account deleted"

#: Reviewers' moves. Decisions may still change freely until they are released.
TRANSITIONS: dict[str, frozenset] = {
    S.SUBMITTED: frozenset({S.UNDER_REVIEW, S.DECLINED}),
    S.UNDER_REVIEW: frozenset({S.SHORTLISTED, S.WAITLISTED, S.DECLINED}),
    S.SHORTLISTED: frozenset({S.UNDER_REVIEW, S.ACCEPTED, S.WAITLISTED, S.DECLINED}),
    S.WAITLISTED: frozenset({S.SHORTLISTED, S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.SHORTLISTED, S.WAITLISTED, S.DECLINED}),
    S.DECLINED: frozenset({S.SHORTLISTED, S.WAITLISTED, S.ACCEPTED}),
}


def allowed_transitions(application: Application, user) -> list[str]:
    """The statuses ``user`` may move ``application`` to right now (for buttons)."""
    if not can_review_applications(user):
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
        raise ApplicationError("not_open")
    if now >= cohort.applications_close:
        raise ApplicationError("closed")


def _check_owner(application: Application, member) -> None:
    if member is None or application.applicant_id != member.pk:
        raise CohortsNotAllowed("not_yours")


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
    """Only the applicant, only a draft, only inside the window.

    A submitted application is locked: nothing edits its answers (reviewers read them as
    sent). To change them the applicant withdraws, applies again, and submits again.
    """
    _check_owner(application, member)
    if application.status == S.WITHDRAWN:
        raise ApplicationError("withdrawn")
    if application.status != S.DRAFT:
        raise ApplicationError("locked")
    _check_window(application.cohort, now)


def _referenced_paths(application: Application) -> set[str]:
    """Stored file paths an earlier submission still points at (kept for reviewers)."""
    paths = set()
    for data in application.submissions.values_list("data", flat=True):
        for stored in (data or {}).get("files", {}).values():
            paths.add(stored.get("path", ""))
    return paths


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
    """Save the applicant's answers to a draft.

    ``data`` holds the standard fields (organisation, role, country, sector, scope, theme,
    gender); ``answers`` maps question ids to values; ``files`` maps question ids to
    uploaded files. A submitted application is refused (``locked``).
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=application.pk)
        )
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
        kept_for_reviewers = _referenced_paths(application) if files else set()
        for question_id, upload in (files or {}).items():
            replaced = ApplicationFile.objects.filter(
                application=application, question_id=question_id
            ).first()
            if replaced is not None:
                replaced.delete()
                if replaced.file.name not in kept_for_reviewers:
                    storage, name = replaced.file.storage, replaced.file.name
                    transaction.on_commit(lambda s=storage, n=name: s.delete(n))
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
    """Submit a draft inside the window; from then on its answers are locked.

    Each submission is kept as an ``ApplicationSubmission``, so after a withdrawal and a
    new submission reviewers see "resubmitted" and can read the earlier version. The
    confirmation email goes once per application.
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort", "theme")
            .get(pk=application.pk)
        )
        _check_owner_can_edit(application, member, now)
        if missing_answers(application):
            raise ApplicationError("required", status=400)
        application.status = S.SUBMITTED
        application.submitted_at = now
        application.withdrawn_at = None
        application.submission_count += 1
        application.save(
            update_fields=[
                "status",
                "submitted_at",
                "withdrawn_at",
                "submission_count",
                "updated_at",
            ]
        )
        ApplicationSubmission.objects.create(
            application=application,
            number=application.submission_count,
            submitted_at=now,
            data=application.snapshot(),
        )
        if application.submission_count > 1:
            log(
                application,
                "cohorts.resubmit",
                user=member,
                data={"submission": application.submission_count},
            )
        notify(
            member,
            "cohorts.application_submitted",
            context=lambda language, cohort=application.cohort: {
                "name": application.applicant_name,
                "cohort_title": cohort.localized_for(language).title,
                "deadline": cohort.close_local(),
                "timezone": str(cohort.tz),
                "resubmission": application.submission_count > 1,
            },
            link=("cohorts:my_applications",),
            # One receipt per submission: a resubmission is confirmed too.
            dedupe_key=(
                f"cohort-application-submitted:{application.pk}"
                if application.submission_count == 1
                else f"cohort-application-submitted:{application.pk}:{application.submission_count}"
            ),
        )
    return application


def participation_of(application: Application) -> Participant | None:
    """The participation an application led to, if any (uses ``select_related`` data)."""
    try:
        return application.participant
    except Participant.DoesNotExist:
        return None


def withdrawal_refusal(application: Application, *, now: datetime | None = None) -> str | None:
    """Why the applicant cannot withdraw ``application`` now (an ``ApplicationError``
    code), or ``None`` when they can.

    Withdrawal is possible until the cohort starts (its first day, in the programme's
    timezone). A completion, with its certificate, is never withdrawn. Screens call this
    to show the reason instead of a button that would fail.
    """
    now = now or timezone.now()
    if application.status == S.WITHDRAWN:
        return "already_withdrawn"
    if application.public_status == S.DECLINED:
        return "declined"
    participant = participation_of(application)
    if participant is not None:
        try:
            has_certificate = participant.certificate is not None
        except Certificate.DoesNotExist:
            has_certificate = False
        if has_certificate or participant.status == Participant.Status.COMPLETED:
            return "completed"
        if participant.status != Participant.Status.ACTIVE:
            return "cohort_started"
    if application.cohort.has_started(now=now):
        return "cohort_started"
    return None


def application_withdraw(
    *, application: Application, member, now: datetime | None = None
) -> Application:
    """The applicant withdraws, until the cohort starts; an accepted place goes back.

    Before the start a participant has earned nothing yet, so their participation row
    goes (the place returns to the pool). After the start nothing is withdrawn: staff
    record what happened (completion, or not).
    """
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=application.pk)
        )
        _check_owner(application, member)
        refusal = withdrawal_refusal(application, now=now)
        if refusal is not None:
            raise ApplicationError(refusal)
        participant = participation_of(application)
        previous = application.status
        application.status = S.WITHDRAWN
        application.released_status = ""
        application.withdrawn_at = now
        application.save(update_fields=["status", "released_status", "withdrawn_at", "updated_at"])
        application.submissions.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        if participant is not None:
            participant.delete()
            from cohorts.selectors import cohort_managers

            for staff in cohort_managers():
                notify(
                    staff,
                    "cohorts.place_released",
                    context=lambda language, cohort=application.cohort: {
                        "name": application.applicant_name,
                        "cohort_title": cohort.localized_for(language).title,
                    },
                    link=("cohorts_admin_cohort", application.cohort.canonical.pk),
                    dedupe_key=f"cohort-place-released:{application.pk}:{staff.pk}:{now:%s}",
                )
        log(
            application,
            "cohorts.withdraw",
            user=member,
            data={"from": previous, "place_released": participant is not None},
        )
    return application


def application_reopen(
    *, application: Application, member, now: datetime | None = None
) -> Application:
    """Apply again after withdrawing, while the call is open: the application becomes a
    draft again, prefilled with the last answers. Earlier submissions stay as they were."""
    now = now or timezone.now()
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=application.pk)
        )
        _check_owner(application, member)
        if application.status != S.WITHDRAWN:
            raise ApplicationError("not_withdrawn")
        _check_window(application.cohort, now)
        application.status = S.DRAFT
        application.submitted_at = None
        application.withdrawn_at = None
        application.save(update_fields=["status", "submitted_at", "withdrawn_at", "updated_at"])
        log(application, "cohorts.reopen", user=member, data={})
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
    if not can_review_applications(by):
        raise CohortsNotAllowed("not_reviewer")
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=application.pk)
        )
        if to_status not in allowed_transitions(application, by):
            raise ReviewError(
                "transition",
                params={"from": application.get_status_display(), "to": S(to_status).label},
            )
        if to_status == S.ACCEPTED:
            # Lock the cohort row so two reviewers cannot both take the last place.
            cohort = CohortPage.objects.select_for_update().get(pk=application.cohort_id)
            full = accepted_count(cohort) >= cohort.places
            if full and not (override and can_release_decisions(by, cohort)):
                raise ReviewError("full", params={"places": cohort.places}, status=409)
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
    if not can_review_applications(by):
        raise CohortsNotAllowed("not_reviewer")
    done, errors = 0, []
    for application in applications:
        try:
            application_transition(
                application=application, to_status=to_status, by=by, override=override, now=now
            )
            done += 1
        except ReviewError as exc:
            errors.append(f"{application.applicant_name}: {exc.message}")
    return BulkResult(done=done, errors=errors)


def review_note_add(
    *, application: Application, by, text: str = "", score: int | None = None
) -> ReviewNote:
    if not can_review_applications(by):
        raise CohortsNotAllowed("not_reviewer")
    if score is not None and not (1 <= int(score) <= 5):
        raise ReviewError("score")
    with transaction.atomic():
        note = ReviewNote.objects.create(application=application, author=by, text=text, score=score)
        average = application.review_notes.filter(score__isnull=False).aggregate(a=Avg("score"))
        Application.objects.filter(pk=application.pk).update(score=average["a"])
        log(application, "cohorts.review_note", user=by, data={"score": score})
    return note


# ---------------------------------------------------------------------------
# Staff: releasing decisions, completion, certificates
# ---------------------------------------------------------------------------
def decisions_release(
    *, cohort: CohortPage, by, override: bool = False, now: datetime | None = None
) -> int:
    """Tell applicants the decisions taken so far: each decision is emailed exactly once.

    Nothing reaches applicants before this runs. Accepted applicants become participants.
    While applications are still open it is refused unless staff tick ``override``
    (people still applying would otherwise be judged against a list already told).
    Returns how many applicants were told.
    """
    if not can_release_decisions(by, cohort):
        raise CohortsNotAllowed("not_manager")
    now = now or timezone.now()
    cohort = cohort.canonical
    if cohort.is_open(now=now) and not override:
        raise ReleaseError("applications_open")
    told = 0
    with transaction.atomic():
        pending = (
            unreleased_decisions(cohort)
            .select_for_update(of=("self",))
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
                # Only a participation that has earned nothing yet (no certificate).
                Participant.objects.filter(
                    application=application,
                    status=Participant.Status.ACTIVE,
                    certificate__isnull=True,
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
        log(cohort, "cohorts.release", user=by, data={"told": told, "override": override})
    return told


def participant_set_completion(
    *, participant: Participant, completed: bool, by, now: datetime | None = None
) -> Participant:
    """Staff mark who completed: completers become alumni and get a certificate."""
    if not can_manage_participants(by):
        raise CohortsNotAllowed("not_manager")
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
            held = Certificate.objects.filter(participant=participant, revoked_at__isnull=True)
            if held.exists():
                # A completion is never undone by a click: revoking (with a reason) is.
                name = participant.user.get_full_name() if participant.user else ""
                raise ParticipantError("certificate_held", params={"name": name or "—"})
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
    try:
        certificate = certificate_sign(certificate=certificate, now=now)
    except credential_keys.KeysUnavailable:
        logger.warning("Certificate %s issued unsigned: no credential key", certificate.pk)
    return certificate


def certificate_revoke(
    *, certificate: Certificate, by, reason: str, now: datetime | None = None
) -> Certificate:
    """End a certificate: the only way one ends. Staff only, with a reason, logged.

    The row stays: public verification then reads "revoked".
    """
    if not can_manage_participants(by):
        raise CohortsNotAllowed("not_manager")
    reason = check_length((reason or "").strip(), 300)
    if not reason:
        raise CertificateError("reason_required")
    now = now or timezone.now()
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is None:
            _allocate_status_index(certificate)
            certificate.revoked_at = now
            certificate.revoked_reason = reason
            certificate.save(update_fields=["revoked_at", "revoked_reason"])
            log(certificate, "cohorts.certificate_revoke", user=by, data={"reason": reason})
            holder = certificate.participant.user if certificate.participant_id else None
            if holder is not None:
                notify(
                    holder,
                    "cohorts.certificate_revoked",
                    context={
                        "name": certificate.holder_name,
                        "cohort_title": certificate.cohort_title,
                        "reason": certificate.revoked_reason,
                    },
                    link=("cohorts:certificate", certificate.identifier),
                    dedupe_key=f"cohort-certificate-revoked:{certificate.pk}",
                )
    return certificate


def _status_index() -> int:
    """A random free-or-not position in the status list (the database decides)."""
    return secrets.randbelow(credentials.STATUS_LIST_SIZE)


def _allocate_status_index(certificate: Certificate) -> None:
    """Give ``certificate`` (locked by the caller) its unique status-list bit.

    Random, as the Bitstring Status List spec advises; the unique constraint settles any
    collision, including two issuances racing for the same position.
    """
    if certificate.status_list_index is not None:
        return
    for _attempt in range(50):
        certificate.status_list_index = _status_index()
        try:
            with transaction.atomic():
                certificate.save(update_fields=["status_list_index"])
            return
        except IntegrityError:
            certificate.status_list_index = None
    raise CertificateError("status_list_full")


def certificate_sign(*, certificate: Certificate, now: datetime | None = None) -> Certificate:
    """Sign ``certificate`` as an Open Badges 3.0 credential, once: the token is kept.

    Idempotent (a certificate issued before signing existed is signed on first use). A
    revoked certificate gets its status bit but no new credential. Raises
    ``credential_keys.KeysUnavailable`` where no issuer key is configured.
    """
    now = now or timezone.now()
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("participant__cohort", "participant__user")
            .get(pk=certificate.pk)
        )
        _allocate_status_index(certificate)
        if not certificate.credential and not certificate.is_revoked:
            certificate.credential = credentials.sign(credentials.build(certificate, now=now))
            certificate.save(update_fields=["credential"])
            log(
                certificate,
                "cohorts.certificate_sign",
                data={"index": certificate.status_list_index},
            )
    return certificate


# ---------------------------------------------------------------------------
# Account deletion
# ---------------------------------------------------------------------------
def member_anonymise(*, user, now: datetime | None = None) -> None:
    """Keep applications and certificates as records, without the person's name or answers.

    The member's own, confirmed account deletion is the one thing that voids a
    certificate besides revocation: the row stays, nameless, and reads as revoked with
    the reason "account deleted". Their uploaded files go, from storage too.
    """
    now = now or timezone.now()
    applications = Application.objects.filter(applicant=user)
    uploads = ApplicationFile.objects.filter(application__in=applications)
    paths = {f.file.name: f.file.storage for f in uploads}
    submissions = ApplicationSubmission.objects.filter(application__in=applications)
    for data in submissions.values_list("data", flat=True):
        for stored in (data or {}).get("files", {}).values():
            if stored.get("path"):
                paths.setdefault(stored["path"], ApplicationFile._meta.get_field("file").storage)
    uploads.delete()
    submissions.update(data={})
    applications.update(
        applicant=None, applicant_name="", answers={}, organisation="", role="", gender=""
    )
    Certificate.objects.filter(participant__user=user).update(
        holder_name="", credential="", revoked_at=now, revoked_reason=ACCOUNT_DELETED
    )
    Participant.objects.filter(user=user).update(user=None)

    def remove_files():
        for name, storage in paths.items():
            storage.delete(name)

    if paths:
        transaction.on_commit(remove_files)


# ---------------------------------------------------------------------------
# Rubric review: assignments and reviews (issue 17)
# ---------------------------------------------------------------------------
REVIEWABLE = frozenset(
    {S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.WAITLISTED, S.ACCEPTED, S.DECLINED}
)
MAX_PER_APPLICATION = 20


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _start_review(application_ids, *, by, now) -> None:
    """Assigned applications are under review (a submitted one moves on, once)."""
    moved = Application.objects.filter(pk__in=list(application_ids), status=S.SUBMITTED)
    for application in moved:
        log(application, "cohorts.status", user=by, data={"to": S.UNDER_REVIEW})
    moved.update(status=S.UNDER_REVIEW, updated_at=now)


def assignment_add(
    *, application: Application, reviewer, by, now: datetime | None = None
) -> ReviewAssignment:
    """Programme staff put one reviewer on one application (again: nothing changes).
    Refused for someone who is no reviewer or who has a likely conflict of interest."""
    from cohorts import conflicts

    now = now or timezone.now()
    if not can_release_decisions(by):
        raise CohortsNotAllowed("not_manager")
    if not can_review_applications(reviewer):
        raise RubricError("not_a_reviewer", params={"name": _name(reviewer)})
    if application.status not in REVIEWABLE:
        raise RubricError("not_reviewable")
    reasons = conflicts.conflicts_for([reviewer], [application]).get((reviewer.pk, application.pk))
    if reasons:
        raise RubricError(
            "conflict", params={"name": _name(reviewer), "reasons": conflicts.explain(reasons)}
        )
    with transaction.atomic():
        assignment, created = ReviewAssignment.objects.get_or_create(
            application=application,
            reviewer=reviewer,
            defaults={"assigned_by": by, "created_at": now},
        )
        if created:
            _start_review([application.pk], by=by, now=now)
            log(application, "cohorts.assign", user=by, data={"reviewer": reviewer.pk})
    return assignment


def assignment_remove(*, assignment: ReviewAssignment, by) -> None:
    if not can_release_decisions(by):
        raise CohortsNotAllowed("not_manager")
    with transaction.atomic():
        assignment = ReviewAssignment.objects.select_for_update().get(pk=assignment.pk)
        if Review.objects.filter(assignment=assignment).exists():
            raise RubricError("reviewed", params={"name": _name(assignment.reviewer)})
        log(
            assignment.application,
            "cohorts.unassign",
            user=by,
            data={"reviewer": assignment.reviewer_id},
        )
        assignment.delete()


@dataclass
class Shortfall:
    application: Application
    missing: int
    reasons: str


@dataclass
class AutoAssignResult:
    created: int
    shortfalls: list


def assign_automatically(
    *, cohort: CohortPage, per_application: int, reviewers, by, now: datetime | None = None
) -> AutoAssignResult:
    """Give every reviewable application of ``cohort`` ``per_application`` reviewers.

    Existing assignments count and stay. A reviewer is never put on an application they
    have a likely conflict with. The load is spread evenly: each application takes the
    least-loaded eligible reviewers (ties by id, so a run is deterministic), the most
    constrained applications first. An application that cannot get enough reviewers is
    reported with the reason. Runs on one cohort are serialised by a lock on its page.
    """
    from cohorts import conflicts

    now = now or timezone.now()
    if not can_release_decisions(by):
        raise CohortsNotAllowed("not_manager")
    try:
        per_application = int(per_application)
    except (TypeError, ValueError):
        raise RubricError("per_application") from None
    if not 1 <= per_application <= MAX_PER_APPLICATION:
        raise RubricError("per_application")
    pool = sorted(
        {r.pk: r for r in reviewers if can_review_applications(r)}.values(), key=lambda r: r.pk
    )
    if not pool:
        raise RubricError("no_reviewers")
    cohort = cohort.canonical
    with transaction.atomic():
        CohortPage.objects.select_for_update(of=("self",)).filter(pk=cohort.pk).first()
        applications = list(
            Application.objects.filter(cohort=cohort, status__in=REVIEWABLE)
            .only("pk", "applicant_id", "organisation", "applicant_name", "status")
            .order_by("pk")
        )
        assigned: dict[int, set[int]] = {a.pk: set() for a in applications}
        load = {r.pk: 0 for r in pool}
        for app_id, reviewer_id in ReviewAssignment.objects.filter(
            application__cohort=cohort
        ).values_list("application", "reviewer"):
            if app_id in assigned:
                assigned[app_id].add(reviewer_id)
            if reviewer_id in load:
                load[reviewer_id] += 1
        conflicted = conflicts.conflicts_for(pool, applications)

        def candidates(application):
            return [
                r.pk
                for r in pool
                if r.pk not in assigned[application.pk] and (r.pk, application.pk) not in conflicted
            ]

        needing = [a for a in applications if len(assigned[a.pk]) < per_application]
        needing.sort(key=lambda a: (len(candidates(a)), a.pk))
        new, shortfalls = [], []
        for application in needing:
            need = per_application - len(assigned[application.pk])
            chosen = sorted(candidates(application), key=lambda pk: (load[pk], pk))[:need]
            for reviewer_id in chosen:
                load[reviewer_id] += 1
                assigned[application.pk].add(reviewer_id)
                new.append(
                    ReviewAssignment(
                        application=application,
                        reviewer_id=reviewer_id,
                        automatic=True,
                        assigned_by=by,
                        created_at=now,
                    )
                )
            if len(chosen) < need:
                reasons = {
                    reason for r in pool for reason in conflicted.get((r.pk, application.pk), ())
                }
                shortfalls.append(
                    Shortfall(
                        application=application,
                        missing=need - len(chosen),
                        reasons=conflicts.explain(reasons) if reasons else "",
                    )
                )
        ReviewAssignment.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        _start_review({a.application_id for a in new}, by=by, now=now)
        log(
            cohort,
            "cohorts.auto_assign",
            user=by,
            data={"created": len(new), "per_application": per_application},
        )
    return AutoAssignResult(created=len(new), shortfalls=shortfalls)


def _weights(criteria) -> dict:
    return {c["id"]: Decimal(str(c["weight"] or 1)) for c in criteria}


def clean_scores(criteria, raw: dict) -> dict[str, int]:
    """The scores for each criterion, as whole numbers inside its range; refuses anything
    else with the criterion's name and range."""
    out = {}
    for criterion in criteria:
        value = raw.get(criterion["id"])
        low, high = int(criterion["min_score"]), int(criterion["max_score"])
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            number = None
        if number is None or not low <= number <= high:
            raise RubricError(
                "score_range",
                params={"criterion": criterion["label"], "min": low, "max": high},
            )
        out[criterion["id"]] = number
    return out


def review_submit(
    *,
    assignment: ReviewAssignment,
    by,
    scores: dict,
    comment: str = "",
    now: datetime | None = None,
) -> Review:
    """The assigned reviewer's review: one per assignment, submitting again updates it.

    The application's row is locked while its weighted mean is recomputed, so reviews by
    two reviewers at once both count."""
    from home.scoring import aggregate

    now = now or timezone.now()
    if assignment.reviewer_id != getattr(by, "pk", None) or not can_review_applications(by):
        raise CohortsNotAllowed("not_assigned", status=404)
    comment = check_length(comment or "", 4000)
    with transaction.atomic():
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=assignment.application_id)
        )
        if application.status not in REVIEWABLE:
            raise RubricError("not_reviewable")
        criteria = application.cohort.canonical.criteria_list()
        if not criteria:
            raise RubricError("no_criteria")
        values = clean_scores(criteria, scores)
        weights = _weights(criteria)
        total = aggregate(weights, [(by.pk, c, v) for c, v in values.items()]).mean
        review = Review.objects.filter(assignment=assignment).first()
        if review is None:
            review = Review.objects.create(
                assignment=assignment,
                application=application,
                reviewer=by,
                comment=comment,
                total=total,
                submitted_at=now,
                updated_at=now,
            )
        else:
            review.comment, review.total, review.updated_at = comment, total, now
            review.times_submitted += 1
            review.save(update_fields=["comment", "total", "updated_at", "times_submitted"])
            review.scores.all().delete()
        bounds = {c["id"]: (int(c["min_score"]), int(c["max_score"])) for c in criteria}
        ReviewScore.objects.bulk_create(
            ReviewScore(
                review=review,
                criterion=c,
                value=v,
                range_min=bounds[c][0],
                range_max=bounds[c][1],
            )
            for c, v in values.items()
        )
        everything = aggregate(
            weights,
            list(
                ReviewScore.objects.filter(review__application=application).values_list(
                    "review__reviewer", "criterion", "value"
                )
            ),
        )
        Application.objects.filter(pk=application.pk).update(score=everything.mean)
        log(application, "cohorts.review", user=by, data={"total": str(total)})
    return review


def applications_bulk_move(
    *, applications, to_status: str, by, override: bool = False, now=None
) -> BulkResult:
    """Staff move every application matching a filter (after a confirmation page)."""
    if not can_release_decisions(by):
        raise CohortsNotAllowed("not_manager")
    return applications_bulk_transition(
        applications=applications, to_status=to_status, by=by, override=override, now=now
    )
