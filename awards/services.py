"""Every write the awards app makes. Keyword-only, atomic, with ``now=`` for tests."""

import math
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
    AwardProgrammePage,
    ConflictOfInterest,
    JurorAssignment,
    JurorRole,
    Nomination,
    NominationCredit,
    ProgrammeRound,
    Score,
)
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


def juror_assign(*, role: JurorRole, category=None, nomination=None, by=None) -> JurorAssignment:
    with transaction.atomic():
        assignment, _created = JurorAssignment.objects.get_or_create(
            juror=role, category=category, nomination=nomination
        )
        conflicts_refresh(role=role)
        log(assignment, "awards.juror_assigned", user=by)
    return assignment


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


def scores_submit(*, juror, nomination: Nomination, values: dict, now=None) -> list[Score]:
    """Record a juror's scores: ``values`` maps criterion id → (value, comment).

    One score per juror per criterion, held by a unique constraint: a second submission
    (or two at once) updates the same row.
    """
    now = _now(now)
    programme = AwardProgrammePage.objects.get(pk=nomination.programme_id)
    nomination.programme = programme
    if not programme.scoring_open(now):
        raise AwardError("scoring_closed")
    if not permissions.can_score(juror, nomination, now):
        raise AwardNotAllowed("cannot_score")
    criteria = {
        c.pk: c
        for c in programme.canonical.localized_criteria()
        if c.applies_to(nomination.category)
    }
    cleaned = {}
    for criterion_id, (value, comment) in values.items():
        if int(criterion_id) not in criteria:
            raise AwardError("criterion")
        cleaned[int(criterion_id)] = (clean_score(value, programme), check_length(comment, 2000))
    saved = []
    with transaction.atomic():
        for criterion_id, (value, comment) in cleaned.items():
            try:
                with transaction.atomic():
                    score, _created = Score.objects.update_or_create(
                        juror=juror,
                        nomination=nomination,
                        criterion_id=criterion_id,
                        defaults={"value": value, "comment": comment},
                    )
            except IntegrityError:
                score = Score.objects.get(
                    juror=juror, nomination=nomination, criterion_id=criterion_id
                )
                score.value, score.comment = value, comment
                score.save(update_fields=["value", "comment", "updated_at"])
            saved.append(score)
    return saved


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
    return state


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
