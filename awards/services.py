"""Every write the awards app makes. Keyword-only, atomic, with ``now=`` for tests."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from awards import conflicts as conflict_rules
from awards import permissions, selectors
from awards.errors import AwardError, AwardNotAllowed
from awards.models import (
    Attachment,
    AwardCategory,
    AwardProgrammePage,
    ConflictOfInterest,
    JudgingRound,
    JurorAssignment,
    JurorRole,
    Nomination,
    NominationCredit,
    ProgrammeRound,
    RoundNomination,
    Score,
)
from awards.models.rounds import first_round
from awards.validators import MAX_ATTACHMENTS, sniff
from home import links
from home.errors import check_length
from home.notify import Address, notify


def _now(now):
    return now or timezone.now()


def _programme_url(programme: AwardProgrammePage, language: str) -> str:
    return links.page_url(programme, language)


# --------------------------------------------------------------------------------------
# Nominations
# --------------------------------------------------------------------------------------

NOMINATION_FIELDS = (
    "kind",
    "is_self",
    "nominee_name",
    "organisation",
    "country",
    "sector",
    "contact_email",
    "nominee_user",
    "statements",
    "links",
)


def nomination_save(
    *,
    programme: AwardProgrammePage,
    nominator,
    category,
    data: dict,
    nomination: Nomination | None = None,
    submit: bool = False,
    files=(),
    remove_attachments=(),
    now=None,
) -> Nomination:
    """Create or update a nomination (draft or submitted), with its attachments.

    The nomination is stored first; the confirmation and nominee emails go to the
    outbox in the same transaction, at most once each.
    """
    now = _now(now)
    programme = AwardProgrammePage.objects.get(pk=programme.canonical.pk)
    if not programme.accepting_nominations(now):
        raise AwardError("closed")
    if category.page_id != programme.pk:
        raise AwardError("category")
    try:
        checked = [(f, sniff(f)) for f in files]
    except ValidationError as exc:  # the file checks name the file they refused
        raise AwardError("file", " ".join(exc.messages)) from exc
    with transaction.atomic():
        if nomination is None:
            nomination = Nomination(programme=programme, nominator=nominator)
        else:
            nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
            if nomination.nominator_id != nominator.pk:
                raise AwardNotAllowed("not_yours")
            if not nomination.is_active:
                raise AwardError("inactive")
        nomination.category = category
        for name in NOMINATION_FIELDS:
            if name in data:
                setattr(nomination, name, data[name])
        first_submission = submit and nomination.submitted_at is None
        if submit:
            nomination.status = Nomination.Status.SUBMITTED
            nomination.submitted_at = nomination.submitted_at or now
        nomination.save()
        if remove_attachments:
            for attachment in nomination.attachments.filter(pk__in=remove_attachments):
                attachment.file.delete(save=False)
                attachment.delete()
        if checked:
            if nomination.attachments.count() + len(checked) > MAX_ATTACHMENTS:
                raise AwardError("too_many_files")
            for uploaded, content_type in checked:
                attachment = Attachment(
                    nomination=nomination,
                    original_name=(uploaded.name or "file")[:200],
                    content_type=content_type,
                    size=uploaded.size,
                )
                attachment.file.save(uploaded.name or "file", uploaded, save=False)
                attachment.save()
        if nomination.status == Nomination.Status.SUBMITTED:
            flag_duplicates(nomination=nomination)
            conflicts_refresh(nomination=nomination)
        if nomination.status == Nomination.Status.SUBMITTED:
            _send_submission_emails(nomination, programme, confirm=first_submission)
    return nomination


def _send_submission_emails(
    nomination: Nomination, programme: AwardProgrammePage, *, confirm: bool
) -> None:
    """The nominator's confirmation (first submission only) and, once per nominee,
    the member nominee's notice (a nominee linked on a later edit is told then)."""
    nominator = nomination.nominator
    if confirm and nominator is not None:
        notify(
            nominator,
            "awards.nomination_submitted",
            context={
                "name": nominator.get_full_name(),
                "nominee": nomination.nominee_name,
                "programme": programme.title,
            },
            link=("awards:nomination_detail", nomination.pk),
            dedupe_key=f"award-nomination-submitted:{nomination.pk}",
        )
    nominee = nomination.nominee_user
    if programme.notify_nominees and nominee is not None and nominee.pk != nomination.nominator_id:
        notify(
            nominee,
            "awards.nominee_notified",
            context=lambda language: {
                "name": nominee.get_full_name(),
                "programme": programme.title,
                "programme_url": _programme_url(programme, language),
                "decline_url": links.url(
                    "awards:nomination_decline", language=language, args=[nomination.pk]
                ),
                "judging_close": programme.judging_close,
            },
            link=programme,
            dedupe_key=f"award-nominee-notified:{nomination.pk}:{nominee.pk}",
        )


def flag_duplicates(*, nomination: Nomination) -> Nomination | None:
    """Mark a likely duplicate (same nominee and organisation in the category) for staff."""
    earlier = (
        Nomination.objects.filter(
            category_id=nomination.category_id,
            match_key=nomination.match_key,
            status=Nomination.Status.SUBMITTED,
        )
        .exclude(pk=nomination.pk)
        .order_by("submitted_at", "pk")
        .first()
    )
    if earlier is not None and (earlier.submitted_at or earlier.created_at) <= (
        nomination.submitted_at or nomination.created_at
    ):
        if nomination.duplicate_of_id != earlier.pk:
            Nomination.objects.filter(pk=nomination.pk).update(duplicate_of=earlier)
            nomination.duplicate_of = earlier
        return earlier
    if earlier is None and nomination.duplicate_of_id:
        Nomination.objects.filter(pk=nomination.pk).update(duplicate_of=None)
        nomination.duplicate_of = None
    return None


def nomination_withdraw(*, nomination: Nomination, by, now=None) -> Nomination:
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if not permissions.can_withdraw(by, nomination):
            raise AwardNotAllowed("cannot_withdraw")
        nomination.status = Nomination.Status.WITHDRAWN
        nomination.withdrawn_at = _now(now)
        nomination.save(update_fields=["status", "withdrawn_at", "updated_at"])
        log(nomination, "awards.nomination_withdrawn", user=by)
    return nomination


def nomination_accept(*, nomination: Nomination, by, now=None) -> Nomination:
    """The nominee agrees to be considered (and published if they win). Accepting twice
    keeps the first time; a declined nomination cannot be accepted."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.accepted_at is not None and nomination.nominee_user_id == by.pk:
            return nomination
        if not permissions.can_accept(by, nomination):
            raise AwardNotAllowed("cannot_accept")
        nomination.accepted_at = _now(now)
        nomination.save(update_fields=["accepted_at", "updated_at"])
        log(nomination, "awards.nomination_accepted", user=by)
    return nomination


def nomination_decline(*, nomination: Nomination, by, now=None) -> Nomination:
    """The nominee says no: the nomination leaves judging and never appears in results."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if not permissions.can_decline(by, nomination):
            raise AwardNotAllowed("cannot_decline")
        nomination.status = Nomination.Status.DECLINED
        nomination.declined_at = _now(now)
        nomination.shortlisted = False
        nomination.award = ""
        nomination.save(
            update_fields=["status", "declined_at", "shortlisted", "award", "updated_at"]
        )
        log(nomination, "awards.nomination_declined", user=by)
    return nomination


def nomination_merge(*, primary: Nomination, duplicate: Nomination, by) -> Nomination:
    """Fold ``duplicate`` into ``primary``: every nominator stays credited, nothing is deleted."""
    if not permissions.can_manage_nominations(by):
        raise AwardNotAllowed("not_yours")
    if primary.pk == duplicate.pk or primary.category_id != duplicate.category_id:
        raise AwardError("merge")
    with transaction.atomic():
        locked = {
            n.pk: n
            for n in Nomination.objects.select_for_update().filter(
                pk__in=[primary.pk, duplicate.pk]
            )
        }
        primary, duplicate = locked[primary.pk], locked[duplicate.pk]
        nominators = {duplicate.nominator_id} | set(
            duplicate.credits.values_list("nominator_id", flat=True)
        )
        for user_id in nominators - {None, primary.nominator_id}:
            NominationCredit.objects.get_or_create(
                nomination=primary, nominator_id=user_id, defaults={"source": duplicate}
            )
        duplicate.attachments.update(nomination=primary)
        for key, text in duplicate.statements.items():
            if text and text not in primary.statements.get(key, ""):
                joined = "\n\n".join(t for t in [primary.statements.get(key, ""), text] if t)
                primary.statements[key] = joined
        links = list(primary.links)
        links.extend(u for u in duplicate.links if u not in links)
        primary.links = links
        primary.save(update_fields=["statements", "links", "updated_at"])
        duplicate.status = Nomination.Status.MERGED
        duplicate.merged_into = primary
        duplicate.save(update_fields=["status", "merged_into", "updated_at"])
        Nomination.objects.filter(duplicate_of=duplicate).update(duplicate_of=primary)
        Nomination.objects.filter(pk=primary.pk, duplicate_of=duplicate).update(duplicate_of=None)
        log(primary, "awards.nomination_merged", user=by, data={"merged": duplicate.pk})
    return primary


# --------------------------------------------------------------------------------------
# Jury and conflicts
# --------------------------------------------------------------------------------------


def juror_appoint(*, programme, user, by=None, publish_name=False, public_name="") -> JurorRole:
    programme = programme.canonical
    role, _created = JurorRole.objects.get_or_create(
        programme=programme,
        user=user,
        defaults={"publish_name": publish_name, "public_name": public_name},
    )
    log(role, "awards.juror_appointed", user=by)
    return role


def _canonical_category(programme, category):
    if category is None or category.page_id == programme.pk:
        return category
    return (
        AwardCategory.objects.filter(
            page_id=programme.pk, translation_key=category.translation_key
        ).first()
        or category
    )


def juror_assign(
    *, role: JurorRole, category=None, nomination=None, by=None, judging_round=None
) -> JurorAssignment:
    """Assign a juror a category or one nomination in ``judging_round`` (default: the
    edition's first round). Idempotent."""
    judging_round = judging_round or first_round(role.programme)
    category = _canonical_category(role.programme, category)
    with transaction.atomic():
        assignment, _created = JurorAssignment.objects.get_or_create(
            juror=role, round=judging_round, category=category, nomination=nomination
        )
        conflicts_refresh(role=role)
        log(assignment, "awards.juror_assigned", user=by)
    return assignment


@dataclass
class Exclusion:
    """A juror who will not review a nomination, and why (the conflicts' reasons)."""

    role: JurorRole
    nomination: Nomination
    reasons: list
    #: True when the juror was asked for this nomination alone (no assignment is made);
    #: False when it is one nomination of an assigned category (it stays blocked).
    whole_assignment: bool


@dataclass
class AssignmentPlan:
    judging_round: JudgingRound
    create: list = field(default_factory=list)  # (role, category, nomination)
    kept: list = field(default_factory=list)  # (role, category, nomination) already there
    exclusions: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.create or self.kept or self.exclusions)


def _conflict_reasons(role, nomination, recorded) -> list:
    """Blocking reasons of ``role``'s juror for ``nomination``: recorded conflicts still
    flagged or confirmed, and likely ones not dismissed before."""
    rows = recorded.get((role.user_id, nomination.pk), {})
    reasons = {reason for reason, status in rows.items() if status in ConflictOfInterest.BLOCKING}
    for reason in conflict_rules.likely_conflicts(role.user, nomination):
        if rows.get(reason) != ConflictOfInterest.Status.DISMISSED:
            reasons.add(reason)
    labels = dict(ConflictOfInterest.Reason.choices)
    return sorted((labels[r] for r in reasons), key=str)


def assignments_plan(*, judging_round, roles, categories=(), nominations=()) -> AssignmentPlan:
    """What a bulk assignment would do, changing nothing: the assignments to create,
    those already there (kept), and every exclusion with its reasons."""
    programme = judging_round.programme.canonical
    roles = list(roles)
    if not roles or not (categories or nominations):
        raise AwardError("nothing_chosen")
    if any(r.programme_id != programme.pk for r in roles):
        raise AwardError("round_programme")
    categories = [_canonical_category(programme, c) for c in categories]
    if any(c.page_id != programme.pk for c in categories):
        raise AwardError("round_programme")
    in_round = judging_round.nominations().select_related("category")
    chosen = list(in_round.filter(pk__in=[n.pk for n in nominations]))
    if len(chosen) != len({n.pk for n in nominations}):
        raise AwardError("not_in_round")
    by_category = {}
    if categories:
        for n in in_round.filter(category__in=categories).order_by("nominee_name", "pk"):
            by_category.setdefault(n.category_id, []).append(n)
    existing = set(
        JurorAssignment.objects.filter(round=judging_round, juror__in=roles).values_list(
            "juror_id", "category_id", "nomination_id"
        )
    )
    touched = {n.pk for n in chosen} | {n.pk for ns in by_category.values() for n in ns}
    recorded: dict = {}
    for juror_id, nomination_id, reason, status in ConflictOfInterest.objects.filter(
        juror_id__in=[r.user_id for r in roles], nomination_id__in=touched
    ).values_list("juror_id", "nomination_id", "reason", "status"):
        recorded.setdefault((juror_id, nomination_id), {})[reason] = status
    plan = AssignmentPlan(judging_round=judging_round)
    for role in roles:
        for category in categories:
            target = (role, category, None)
            if (role.pk, category.pk, None) in existing:
                plan.kept.append(target)
            else:
                plan.create.append(target)
            for n in by_category.get(category.pk, []):
                reasons = _conflict_reasons(role, n, recorded)
                if reasons:
                    plan.exclusions.append(Exclusion(role, n, reasons, whole_assignment=False))
        for n in chosen:
            reasons = _conflict_reasons(role, n, recorded)
            if reasons:
                plan.exclusions.append(Exclusion(role, n, reasons, whole_assignment=True))
            elif (role.pk, None, n.pk) in existing:
                plan.kept.append((role, None, n))
            else:
                plan.create.append((role, None, n))
    return plan


def assignments_apply(*, judging_round, roles, categories=(), nominations=(), by) -> AssignmentPlan:
    """Make a bulk assignment: what :func:`assignments_plan` shows, at once. Existing
    assignments are kept, conflicted one-by-one assignments are not made, and conflicts
    inside an assigned category are flagged (blocking). Running it twice changes nothing."""
    if not permissions.can_assign_jurors(by):
        raise AwardNotAllowed("not_yours")
    with transaction.atomic():
        judging_round = JudgingRound.objects.select_for_update().get(pk=judging_round.pk)
        plan = assignments_plan(
            judging_round=judging_round,
            roles=roles,
            categories=categories,
            nominations=nominations,
        )
        JurorAssignment.objects.bulk_create(
            [
                JurorAssignment(juror=role, round=judging_round, category=c, nomination=n)
                for role, c, n in plan.create
            ],
            ignore_conflicts=True,
        )
        for role in {role.pk: role for role, _c, _n in plan.create}.values():
            conflicts_refresh(role=role)
        log(
            judging_round,
            "awards.jurors_bulk_assigned",
            user=by,
            data={"created": len(plan.create), "excluded": len(plan.exclusions)},
        )
    return plan


def conflicts_refresh(
    *, role: JurorRole | None = None, nomination: Nomination | None = None
) -> int:
    """Flag likely conflicts for a juror's assignments, or for one nomination's jurors.

    A conflict the juror already dismissed stays dismissed; new reasons are flagged.
    """
    pairs = []
    if role is not None:
        pairs = [(role.user, n) for n in selectors.assigned_nominations(role)]
    elif nomination is not None:
        roles = JurorRole.objects.filter(programme_id=nomination.programme_id).select_related(
            "user__profile"
        )
        pairs = [(r.user, nomination) for r in roles if permissions.is_assigned(r.user, nomination)]
    created = 0
    for user, target in pairs:
        for reason in conflict_rules.likely_conflicts(user, target):
            _obj, made = ConflictOfInterest.objects.get_or_create(
                juror=user, nomination=target, reason=reason
            )
            created += int(made)
    return created


def conflict_declare(
    *, juror, nomination: Nomination, note: str = "", now=None
) -> ConflictOfInterest:
    if not permissions.can_declare_conflict(juror, nomination):
        raise AwardNotAllowed("cannot_score")
    with transaction.atomic():
        conflict, _created = ConflictOfInterest.objects.update_or_create(
            juror=juror,
            nomination=nomination,
            reason=ConflictOfInterest.Reason.DECLARED,
            defaults={
                "status": ConflictOfInterest.Status.CONFIRMED,
                "note": check_length(note, 1000),
                "decided_at": _now(now),
            },
        )
        log(conflict, "awards.conflict_declared", user=juror)
    return conflict


def conflict_decide(
    *, conflict: ConflictOfInterest, by, confirm: bool, now=None
) -> ConflictOfInterest:
    """The juror (or staff) confirms or dismisses a flagged conflict."""
    with transaction.atomic():
        conflict = ConflictOfInterest.objects.select_for_update().get(pk=conflict.pk)
        if not permissions.can_decide_conflict(by, conflict):
            raise AwardNotAllowed("not_yours")
        if not confirm and conflict.reason in ConflictOfInterest.BINDING:
            raise AwardError("binding")
        conflict.status = (
            ConflictOfInterest.Status.CONFIRMED if confirm else ConflictOfInterest.Status.DISMISSED
        )
        conflict.decided_at = _now(now)
        conflict.save(update_fields=["status", "decided_at"])
        log(conflict, f"awards.conflict_{'confirmed' if confirm else 'dismissed'}", user=by)
    return conflict


# --------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------


def clean_score(value, programme: AwardProgrammePage) -> int:
    """A whole number within the programme's range; anything else is refused."""
    low, high = programme.score_min, programme.score_max
    error = AwardError("range", params={"low": low, "high": high})
    if isinstance(value, bool) or value is None:
        raise error
    try:
        number = Decimal(str(value).strip())
    except Exception as exc:  # noqa: BLE001 — any unparsable input
        raise error from exc
    if not number.is_finite() or number != number.to_integral_value():
        raise error
    if isinstance(value, float) and not math.isfinite(value):
        raise error
    if not (low <= number <= high):
        raise error
    return int(number)


def scores_submit(
    *, juror, nomination: Nomination, values: dict, now=None, judging_round=None
) -> list[Score]:
    """Record a juror's scores in a round: ``values`` maps criterion id → (value, comment).

    ``judging_round`` None: the open round the juror judges the nomination in. One score
    per juror per round per criterion, held by a unique constraint: a second submission
    (or two at once) updates the same row.
    """
    now = _now(now)
    programme = AwardProgrammePage.objects.get(pk=nomination.programme_id)
    nomination.programme = programme
    if judging_round is None:
        rounds = list(permissions.assigned_rounds(juror, nomination))
        judging_round = next((r for r in rounds if r.scoring_open(now)), None)
        if judging_round is None:
            judging_round = rounds[0] if rounds else first_round(programme, create=False)
    if judging_round is None or not judging_round.scoring_open(now):
        raise AwardError("scoring_closed")
    if not permissions.can_score(juror, nomination, now, judging_round):
        raise AwardNotAllowed("cannot_score")
    criteria = {
        c.pk: c
        for c in judging_round.criteria_for(
            nomination.category, programme.canonical.localized_criteria()
        )
    }
    cleaned = {}
    for criterion_id, (value, comment) in values.items():
        try:
            criterion_id = int(criterion_id)
        except (TypeError, ValueError) as exc:
            raise AwardError("criterion") from exc
        if criterion_id not in criteria:
            raise AwardError("criterion")
        cleaned[criterion_id] = (clean_score(value, programme), check_length(comment, 2000))
    saved = []
    with transaction.atomic():
        for criterion_id, (value, comment) in cleaned.items():
            try:
                with transaction.atomic():
                    score, _created = Score.objects.update_or_create(
                        juror=juror,
                        round=judging_round,
                        nomination=nomination,
                        criterion_id=criterion_id,
                        defaults={"value": value, "comment": comment},
                    )
            except IntegrityError:
                score = Score.objects.get(
                    juror=juror,
                    round=judging_round,
                    nomination=nomination,
                    criterion_id=criterion_id,
                )
                score.value, score.comment = value, comment
                score.save(update_fields=["value", "comment", "updated_at"])
            saved.append(score)
    return saved


# --------------------------------------------------------------------------------------
# Rounds
# --------------------------------------------------------------------------------------


def round_add(
    *, programme, kind=JudgingRound.Kind.FINAL, scoring_deadline=None, criteria=(), by=None
):
    """Append a round to an edition (the first one is made on demand for old editions)."""
    programme = programme.canonical
    with transaction.atomic():
        first_round(programme)
        AwardProgrammePage.objects.select_for_update().filter(pk=programme.pk).first()
        judging_round = JudgingRound(
            programme=programme, kind=kind, scoring_deadline=scoring_deadline
        )
        judging_round.save()
        if criteria:
            judging_round.criteria.set(criteria)
        log(judging_round, "awards.round_added", user=by)
    return judging_round


def round_shortlist_set(*, judging_round, nomination: Nomination, shortlisted: bool, by):
    """Put a nomination on (or take it off) a round's shortlist, before the round closes."""
    if not permissions.can_manage_rounds(by):
        raise AwardNotAllowed("not_yours")
    with transaction.atomic():
        judging_round = JudgingRound.objects.select_for_update().get(pk=judging_round.pk)
        if judging_round.shortlist_closed_at is not None:
            raise AwardError("round_closed")
        if judging_round.is_final:
            raise AwardError("final_round")
        if not judging_round.nominations().filter(pk=nomination.pk).exists():
            raise AwardError("not_in_round")
        RoundNomination.objects.update_or_create(
            round=judging_round, nomination=nomination, defaults={"shortlisted": shortlisted}
        )
        log(nomination, "awards.result_set", user=by, data={"round": judging_round.pk})
    return judging_round


def round_close(*, judging_round, by, now=None) -> JudgingRound:
    """Close a round's shortlist: exactly its shortlisted (still submitted) nominations
    enter the next round, once. The round's row is locked, so two closes at once feed
    the next round once and the second is refused."""
    if not permissions.can_manage_rounds(by):
        raise AwardNotAllowed("not_yours")
    with transaction.atomic():
        judging_round = JudgingRound.objects.select_for_update().get(pk=judging_round.pk)
        if judging_round.shortlist_closed_at is not None:
            raise AwardError("round_closed")
        following = judging_round.next
        if following is None:
            raise AwardError("last_round")
        shortlist = list(
            judging_round.nominations()
            .filter(round_entries__round=judging_round, round_entries__shortlisted=True)
            .values_list("pk", flat=True)
        )
        if not shortlist:
            raise AwardError("empty_shortlist")
        RoundNomination.objects.bulk_create(
            [RoundNomination(round=following, nomination_id=pk) for pk in shortlist],
            ignore_conflicts=True,
        )
        judging_round.shortlist_closed_at = _now(now)
        judging_round.closed_by = by
        judging_round.save(update_fields=["shortlist_closed_at", "closed_by"])
        log(judging_round, "awards.round_closed", user=by, data={"shortlist": len(shortlist)})
    return judging_round


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


def _round_for_update(programme) -> ProgrammeRound:
    programme = programme.canonical
    ProgrammeRound.objects.get_or_create(programme=programme)
    programme.__dict__.pop("_round_cache", None)
    return ProgrammeRound.objects.select_for_update().get(programme=programme)


def deliberation_open(*, programme, by, now=None) -> ProgrammeRound:
    if not permissions.can_publish_results(by, programme):
        raise AwardNotAllowed("not_yours")
    with transaction.atomic():
        state = _round_for_update(programme)
        if state.deliberation_opened_at is None:
            state.deliberation_opened_at = _now(now)
            state.save(update_fields=["deliberation_opened_at"])
            log(programme.canonical, "awards.deliberation_opened", user=by)
    return state


def result_set(
    *,
    nomination: Nomination,
    by,
    shortlisted: bool | None = None,
    award: str | None = None,
    citation: dict | None = None,
    story_page=None,
    story_url: str | None = None,
) -> Nomination:
    if not permissions.can_publish_results(by):
        raise AwardNotAllowed("not_yours")
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if nomination.status != Nomination.Status.SUBMITTED:
            raise AwardError("inactive")
        if shortlisted is not None:
            nomination.shortlisted = shortlisted
        if award is not None:
            if award not in Nomination.Award.values:
                raise AwardError("award")
            nomination.award = award
            if award:
                nomination.shortlisted = True
        if citation is not None:
            nomination.citation = {k: v for k, v in citation.items() if v}
        if story_page is not None:
            nomination.story_page = story_page
        if story_url is not None:
            nomination.story_url = check_length(story_url, 200)
        nomination.save()
        log(nomination, "awards.result_set", user=by)
    return nomination


def results_publish(*, programme, by, now=None) -> ProgrammeRound:
    """Publish an edition's results: every language version of the page shows them at once,
    and nominators and award recipients are told through the outbox."""
    if not permissions.can_publish_results(by, programme):
        raise AwardNotAllowed("not_yours")
    programme = programme.canonical
    with transaction.atomic():
        state = _round_for_update(programme)
        if state.results_published_at is not None:
            raise AwardError("published")
        nominations = list(
            Nomination.objects.filter(programme=programme, status=Nomination.Status.SUBMITTED)
            .select_related("nominator", "nominee_user")
            .prefetch_related("credits__nominator")
        )
        if not any(n.award == Nomination.Award.WINNER for n in nominations):
            raise AwardError("no_winner")
        state.results_published_at = _now(now)
        state.published_by = by
        state.save(update_fields=["results_published_at", "published_by"])
        programme.__dict__.pop("_round_cache", None)
        log(programme, "awards.results_published", user=by)
        for n in nominations:
            recipients = [n.nominator] + [c.nominator for c in n.credits.all()]
            for user in recipients:
                if user is None:
                    continue
                notify(
                    user,
                    "awards.results_published",
                    context=lambda language, user=user, n=n: {
                        "name": user.get_full_name(),
                        "programme": programme.title,
                        "programme_url": _programme_url(programme, language),
                        "nominee": n.nominee_name,
                        "award": n.award,
                        "for_nominee": False,
                    },
                    link=programme,
                    dedupe_key=f"award-results:{programme.pk}:{n.pk}:{user.pk}",
                )
            if n.award and n.contact_email:
                notify(
                    Address(n.contact_email, name=n.nominee_name, user=n.nominee_user),
                    "awards.results_published",
                    context=lambda language, n=n: {
                        "name": n.nominee_name,
                        "programme": programme.title,
                        "programme_url": _programme_url(programme, language),
                        "nominee": n.nominee_name,
                        "award": n.award,
                        "for_nominee": True,
                    },
                    link=programme,
                    dedupe_key=f"award-results-nominee:{programme.pk}:{n.pk}",
                )
            _send_feedback(n, programme)
    return state


def _feedback_recipient(nomination: Nomination):
    if nomination.nominee_user_id and nomination.nominee_user.is_active:
        return nomination.nominee_user
    if nomination.contact_email:
        return Address(
            nomination.contact_email, name=nomination.nominee_name, user=nomination.nominee_user
        )
    return None


def _send_feedback(nomination: Nomination, programme) -> bool:
    """The jury's feedback to the nominee, in their language, once (a later edit is kept
    on the nomination page but not sent again)."""
    recipient = _feedback_recipient(nomination)
    if not nomination.feedback.strip() or recipient is None:
        return False
    notify(
        recipient,
        "awards.feedback",
        context=lambda language: {
            "name": nomination.nominee_name,
            "programme": programme.title,
            "programme_url": _programme_url(programme, language),
            "feedback": nomination.feedback,
        },
        link=programme,
        dedupe_key=f"award-feedback:{nomination.pk}",
    )
    return True


def feedback_set(*, nomination: Nomination, text: str, by) -> Nomination:
    """Write (or clear) the jury's optional feedback to a nominee. Once results are
    published it is sent at once, else with the results."""
    if not permissions.can_publish_results(by):
        raise AwardNotAllowed("not_yours")
    text = check_length((text or "").strip(), 2000)
    with transaction.atomic():
        nomination = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("nominee_user")
            .get(pk=nomination.pk)
        )
        if nomination.status != Nomination.Status.SUBMITTED:
            raise AwardError("inactive")
        nomination.feedback = text
        nomination.save(update_fields=["feedback", "updated_at"])
        log(nomination, "awards.feedback_set", user=by)
        programme = AwardProgrammePage.objects.get(pk=nomination.programme_id)
        if programme.results_published():
            _send_feedback(nomination, programme)
    return nomination


# --------------------------------------------------------------------------------------
# Members leaving
# --------------------------------------------------------------------------------------


def anonymise_member(*, user) -> None:
    """Keep the nominations (and scores) of a deleted member, without their identity."""
    with transaction.atomic():
        Nomination.objects.filter(nominator=user).update(nominator=None)
        NominationCredit.objects.filter(nominator=user).update(nominator=None)
        for nomination in Nomination.objects.filter(nominee_user=user):
            nomination.nominee_user = None
            if nomination.contact_email.casefold() == user.email.casefold():
                nomination.contact_email = ""
            if nomination.award == "" and not nomination.shortlisted:
                nomination.nominee_name = str(_("Former member"))
            nomination.save(
                update_fields=["nominee_user", "contact_email", "nominee_name", "updated_at"]
            )
        Nomination.objects.filter(contact_email__iexact=user.email).update(contact_email="")
