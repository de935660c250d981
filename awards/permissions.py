"""Who may do what with award nominations, juries and results.

Two kinds of rule meet here:

- **roles**, as Django permissions given to groups: award managers read every nomination
  file, manage nominations, jurors and conflicts, and set and publish results; jurors hold
  ``awards.score_nomination`` (a member joins the "Jurors" group when appointed to a jury,
  see ``awards.signals``, and staff can suspend one by taking them out of it);
- **scope**, as rows: a juror reviews and scores only the nominations of their categories
  (or assigned to them one by one), and never one they have a conflict of interest with.

The ``programme`` arguments name what is being acted on; the roles are site-wide today.
"""

from django.db.models import Q

from awards.models import (
    Attachment,
    ConflictOfInterest,
    Nomination,
    NominationCredit,
)
from home.permissions import ACCESS_ADMIN, has, is_active_member

READ_FILES = "awards.read_nomination_file"
PUBLISH = "awards.publish_results"
SCORE = "awards.score_nomination"
MANAGE = "awards.change_nomination"
DECIDE_CONFLICTS = "awards.change_conflictofinterest"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Award managers": [
        ACCESS_ADMIN,
        READ_FILES,
        PUBLISH,
        "awards.view_nomination",
        MANAGE,
        "awards.view_jurorrole",
        "awards.add_jurorrole",
        "awards.change_jurorrole",
        "awards.delete_jurorrole",
        "awards.view_jurorassignment",
        "awards.add_jurorassignment",
        "awards.change_jurorassignment",
        "awards.delete_jurorassignment",
        "awards.view_conflictofinterest",
        DECIDE_CONFLICTS,
        "awards.view_judginground",
        "awards.add_judginground",
        "awards.change_judginground",
    ],
    "Jurors": [SCORE],
}
JURORS_GROUP = "Jurors"


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------
def can_publish_results(user, programme=None) -> bool:
    """Open deliberation, shortlist, choose winners and citations, publish the results."""
    return has(user, PUBLISH)


def can_read_every_nomination(user) -> bool:
    """Award managers: every nomination's file (statements, contact, attachments) and
    every juror's scores."""
    return has(user, READ_FILES)


def can_manage_nominations(user, programme=None) -> bool:
    """Merge duplicates and change nominations in the admin."""
    return has(user, MANAGE)


def is_juror(user) -> bool:
    """Holds the juror role at all (scope still comes from the assignments)."""
    return has(user, SCORE)


# ---------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------
def assigned_rounds(user, nomination: Nomination):
    """The rounds in which ``user`` is assigned ``nomination`` and the round judges it
    (the first round judges every submitted nomination; a later one only its entries)."""
    from awards.models import JudgingRound

    if not is_active_member(user):
        return JudgingRound.objects.none()
    first = (
        JudgingRound.objects.filter(programme_id=nomination.programme_id)
        .order_by("position")
        .values("pk")[:1]
    )
    return (
        # One filter() call: the juror and the category (or nomination) are one assignment.
        JudgingRound.objects.filter(
            Q(assignments__category_id=nomination.category_id)
            | Q(assignments__nomination=nomination),
            programme_id=nomination.programme_id,
            assignments__juror__user=user,
        )
        .filter(Q(pk__in=first) | Q(entries__nomination=nomination))
        .distinct()
        .order_by("position")
    )


def is_assigned(user, nomination: Nomination, judging_round=None) -> bool:
    """Assigned ``nomination`` in ``judging_round`` (any round when None) that judges it."""
    if not is_active_member(user):
        return False
    rounds = assigned_rounds(user, nomination)
    if judging_round is not None:
        rounds = rounds.filter(pk=judging_round.pk)
    return rounds.exists()


def is_conflicted(user, nomination: Nomination) -> bool:
    return ConflictOfInterest.objects.filter(
        juror=user, nomination=nomination, status__in=ConflictOfInterest.BLOCKING
    ).exists()


def is_nominator(user, nomination: Nomination) -> bool:
    if not is_active_member(user):
        return False
    return (
        nomination.nominator_id == user.pk
        or NominationCredit.objects.filter(nomination=nomination, nominator=user).exists()
    )


# ---------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------
def can_read_nomination(user, nomination: Nomination, judging_round=None) -> bool:
    """May open the nomination's full file (statements, attachments) as its reviewer:
    award managers, and jurors assigned it (in ``judging_round``, when given) without a
    conflict while it is submitted."""
    if not is_active_member(user):
        return False
    if can_read_every_nomination(user):
        return True
    return (
        nomination.status == Nomination.Status.SUBMITTED
        and is_juror(user)
        and is_assigned(user, nomination, judging_round)
        and not is_conflicted(user, nomination)
    )


def can_download(user, attachment: Attachment) -> bool:
    """Attachments: award managers, and assigned jurors without a conflict. Nobody else."""
    return can_read_nomination(user, attachment.nomination)


def scoring_round(user, nomination: Nomination, now=None):
    """The open round in which ``user`` may score ``nomination`` now, else None."""
    for judging_round in assigned_rounds(user, nomination):
        if judging_round.scoring_open(now):
            return judging_round
    return None


def can_score(user, nomination: Nomination, now=None, judging_round=None) -> bool:
    """Score ``nomination`` in ``judging_round`` (when None: in some round open now)."""
    if not is_active_member(user):
        return False
    if not (
        nomination.status == Nomination.Status.SUBMITTED
        and is_juror(user)
        and not is_conflicted(user, nomination)
    ):
        return False
    if judging_round is None:
        return scoring_round(user, nomination, now) is not None
    return judging_round.scoring_open(now) and is_assigned(user, nomination, judging_round)


def can_see_others_scores(user, nomination: Nomination, judging_round=None) -> bool:
    if can_read_every_nomination(user):
        return True
    return nomination.programme.round_state().deliberation_opened_at is not None and (
        can_read_nomination(user, nomination, judging_round)
    )


def can_open_jury_review(user, nomination: Nomination, judging_round=None) -> bool:
    """Reach the review page at all (a conflicted juror is then told why it is closed);
    in a given round, only its own jurors (and award managers) reach it."""
    return nomination.status == Nomination.Status.SUBMITTED and (
        is_assigned(user, nomination, judging_round) or can_read_every_nomination(user)
    )


def can_assign_jurors(user, programme=None) -> bool:
    """Bulk-assign jurors to categories and nominations of a round."""
    return has(user, "awards.add_jurorassignment")


def can_manage_rounds(user, programme=None) -> bool:
    """Shortlist in a round and close it (feeding the next round): the results desk."""
    return has(user, PUBLISH)


def can_declare_conflict(user, nomination: Nomination) -> bool:
    return is_assigned(user, nomination) or has(user, DECIDE_CONFLICTS)


def can_decide_conflict(user, conflict: ConflictOfInterest) -> bool:
    """The juror concerned, or award managers, confirm or dismiss a flagged conflict."""
    if not is_active_member(user):
        return False
    return conflict.juror_id == user.pk or has(user, DECIDE_CONFLICTS)


def can_view_nomination(user, nomination: Nomination) -> bool:
    """The nominator's page of their nomination (contact data included)."""
    return is_nominator(user, nomination) or can_read_every_nomination(user)


def can_read_feedback(user, nomination: Nomination) -> bool:
    """The member nominee (of a submitted nomination with feedback) reads the jury's
    feedback on its page once results are published (the view checks publication)."""
    return (
        is_active_member(user)
        and nomination.nominee_user_id == user.pk
        and nomination.status == Nomination.Status.SUBMITTED
        and bool(nomination.feedback.strip())
    )


def can_edit(user, nomination: Nomination, now=None) -> bool:
    return (
        is_active_member(user)
        and nomination.nominator_id == user.pk
        and nomination.is_active
        and nomination.programme.accepting_nominations(now)
    )


def can_withdraw(user, nomination: Nomination) -> bool:
    return (
        is_active_member(user)
        and nomination.nominator_id == user.pk
        and nomination.is_active
        and not nomination.programme.results_published()
    )


def can_accept(user, nomination: Nomination) -> bool:
    """The member nominee may accept a submitted nomination once, before results."""
    return can_decline(user, nomination) and nomination.accepted_at is None


def can_decline(user, nomination: Nomination) -> bool:
    return (
        is_active_member(user)
        and nomination.nominee_user_id == user.pk
        and nomination.status == Nomination.Status.SUBMITTED
        and not nomination.programme.results_published()
    )
