"""Writes for surveys: rounds, invitations (through ``notify()``), launches, answers.

Every function is idempotent where a task calls it: a round is one per (survey, event) and
(survey, cohort) by constraint, an invitation one per (round, member), and each invitation
email has the dedupe key ``survey:<round>:<member>``, so running the beat task twice
invites nobody twice.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone

from home import links
from home.notify import notify
from home.taxonomy import sector_family
from surveys import selectors, tokens
from surveys.errors import SurveyError, SurveysNotAllowed
from surveys.models import Audience, Invitation, Receipt, Response, Survey, SurveyRound

#: How far back the beat task looks for events and cohorts that ended (a survey that
#: opens today does not reach back further than its ``opens_at`` either).
LOOKBACK = timedelta(days=30)


def _dedupe_key(round_id: int, user_id: int) -> str:
    return f"survey:{round_id}:{user_id}"


def active_surveys(audience: str, *, now: datetime):
    return selectors.originals(
        Survey.objects.filter(audience=audience, opens_at__lte=now).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )
    )


def round_start(
    *, survey: Survey, event=None, cohort=None, opens_at: datetime, closes_at: datetime, by=None
) -> tuple[SurveyRound, bool]:
    """The round of ``survey`` for ``event`` or ``cohort`` (made once, by constraint)."""
    survey = survey.canonical
    lookup = {"survey": survey}
    if event is not None:
        lookup["event"] = event
    if cohort is not None:
        lookup["cohort"] = cohort
    defaults = {"opens_at": opens_at, "closes_at": closes_at, "launched_by": by}
    try:
        with transaction.atomic():
            return SurveyRound.objects.get_or_create(**lookup, defaults=defaults)
    except IntegrityError:
        return SurveyRound.objects.get(**lookup), False


def invite(*, round: SurveyRound, user_ids) -> int:
    """Invitation rows for ``user_ids`` (those already invited are skipped)."""
    existing = set(Invitation.objects.filter(round=round).values_list("user_id", flat=True))
    new = [Invitation(round=round, user_id=uid) for uid in set(user_ids) if uid not in existing]
    Invitation.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


def _context_for(round_: SurveyRound, cache: dict):
    """The email's words in each language, read once per language for a whole round."""

    def build(language: str) -> dict:
        if language in cache:
            return cache[language]
        survey = round_.survey.localized_for(language)
        context = {
            "survey_title": survey.title,
            "closes_at": formats.date_format(timezone.localtime(round_.closes_at), "DATE_FORMAT"),
        }
        if round_.event_id:
            from events.services import event_in_language

            context["event_title"] = event_in_language(round_.event, language).title
        if round_.cohort_id:
            context["cohort_title"] = round_.cohort.localized_for(language).title
        cache[language] = context
        return context

    return build


def send_invitations(*, round: SurveyRound, now: datetime | None = None) -> int:
    """Tell every invited member who has not been told yet (each once, in their language)."""
    now = now or timezone.now()
    told = 0
    round = SurveyRound.objects.select_related("survey", "event", "cohort").get(pk=round.pk)
    context = _context_for(round, {})
    pending = list(
        Invitation.objects.filter(round=round, notified_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )
    for invitation in pending:
        token = tokens.token_for(invitation)
        with transaction.atomic():
            locked = (
                Invitation.objects.select_for_update(skip_locked=True)
                .filter(pk=invitation.pk, notified_at__isnull=True)
                .first()
            )
            if locked is None:
                continue
            notify(
                invitation.user,
                "surveys.invitation",
                context=context,
                link=lambda language, t=token: links.url(
                    "surveys:answer_token", language=language, args=[t]
                ),
                dedupe_key=_dedupe_key(round.pk, invitation.user_id),
            )
            Invitation.objects.filter(pk=invitation.pk).update(notified_at=now)
            told += 1
    return told


def send_after_events(*, now: datetime | None = None) -> int:
    """Events that ended: a round per active post-event survey, invitations to the people
    checked in (never no-shows or the waiting list). Returns how many were told."""
    from events.models import EventPage, Registration

    now = now or timezone.now()
    told = 0
    for survey in active_surveys(Audience.AFTER_EVENT, now=now):
        if not survey.question_list():
            continue
        since = max(survey.opens_at, now - LOOKBACK)
        event_ids = (
            Registration.objects.filter(
                attended_at__isnull=False,
                user__isnull=False,
                event__end__gte=since,
                event__end__lte=now,
            )
            .values_list("event_id", flat=True)
            .distinct()
        )
        for event in EventPage.objects.filter(pk__in=set(event_ids)).order_by("pk"):
            round_, _created = round_start(
                survey=survey,
                event=event,
                opens_at=now,
                closes_at=now + timedelta(days=survey.days_to_answer),
            )
            invite(round=round_, user_ids=selectors.attendee_ids(event))
            told += send_invitations(round=round_, now=now)
    return told


def send_after_cohorts(*, now: datetime | None = None) -> int:
    """Cohorts whose last day has passed: a round per active end-of-cohort survey,
    invitations to its participants (still taking part or completed)."""
    from cohorts.models import CohortPage, Participant

    now = now or timezone.now()
    told = 0
    for survey in active_surveys(Audience.END_OF_COHORT, now=now):
        if not survey.question_list():
            continue
        since = max(survey.opens_at, now - LOOKBACK).date() - timedelta(days=1)
        cohort_ids = set(
            Participant.objects.filter(
                user__isnull=False, cohort__end_date__gte=since, cohort__end_date__lte=now.date()
            ).values_list("cohort_id", flat=True)
        )
        for cohort in CohortPage.objects.filter(pk__in=cohort_ids).order_by("pk"):
            ended = datetime.combine(
                cohort.end_date + timedelta(days=1), time.min, tzinfo=cohort.tz
            )
            if ended > now or ended < survey.opens_at:
                continue
            round_, _created = round_start(
                survey=survey,
                cohort=cohort,
                opens_at=now,
                closes_at=now + timedelta(days=survey.days_to_answer),
            )
            invite(round=round_, user_ids=selectors.participant_ids(cohort))
            told += send_invitations(round=round_, now=now)
    return told


def survey_launch(*, survey: Survey, by, now: datetime | None = None) -> SurveyRound:
    """Send a stakeholder survey to its group now (after the confirmation page).

    The survey row is locked, so two staff launching at once make one round; a survey
    with a round still open is refused. The emails go from a task after the commit.
    """
    from surveys import permissions, tasks

    now = now or timezone.now()
    if not permissions.can_launch(by, survey):
        raise SurveysNotAllowed("not_staff")
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.canonical.pk)
        if survey.audience != Audience.STAKEHOLDERS:
            raise SurveyError("not_stakeholder")
        if not survey.question_list():
            raise SurveyError("no_questions")
        if survey.closes_at and survey.closes_at <= now:
            raise SurveyError("closed")
        if SurveyRound.objects.filter(survey=survey, closes_at__gt=now).exists():
            raise SurveyError("already_launched")
        user_ids = list(selectors.group_members(survey.group).values_list("pk", flat=True))
        if not user_ids:
            raise SurveyError("nobody")
        round_ = SurveyRound.objects.create(
            survey=survey,
            group=survey.group,
            opens_at=now,
            closes_at=survey.closes_at or now + timedelta(days=survey.days_to_answer),
            launched_by=by,
        )
        invite(round=round_, user_ids=user_ids)
        transaction.on_commit(lambda: tasks.send_round_invitations.delay(round_.pk))
    return round_


def answer_submit(
    *, round: SurveyRound, member, answers: dict, now: datetime | None = None
) -> Response:
    """Store ``member``'s answers to ``round`` without a link to them.

    The receipt (round, member) and the response are written in one transaction; the
    receipt's unique constraint refuses a second answer, even one sent at the same moment.
    """
    now = now or timezone.now()
    if now < round.opens_at:
        raise SurveyError("not_open")
    if now >= round.closes_at:
        raise SurveyError("closed")
    if not Invitation.objects.filter(round=round, user=member).exists():
        raise SurveysNotAllowed("not_invited")
    family = region = ""
    if round.survey.keep_attributes:
        row = (
            get_user_model()
            .objects.filter(pk=member.pk)
            .values("profile__sector", "profile__region")
            .first()
        ) or {}
        sector = row.get("profile__sector") or ""
        family = sector_family(sector) if sector else ""
        region = row.get("profile__region") or ""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Receipt.objects.create(round=round, user=member, answered_at=now)
        except IntegrityError:
            raise SurveyError("already_answered") from None
        return Response.objects.create(
            round=round,
            answers=answers,
            sector_family=family,
            region=region,
        )
