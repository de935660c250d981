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
    JurorAssignment,
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
def is_assigned(user, nomination: Nomination) -> bool:
    if not is_active_member(user):
        return False
    return JurorAssignment.objects.filter(
        Q(category_id=nomination.category_id) | Q(nomination=nomination),
        juror__user=user,
        juror__programme_id=nomination.programme_id,
    ).exists()


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
def can_read_nomination(user, nomination: Nomination) -> bool:
    """May open the nomination's full file (statements, attachments) as its reviewer:
    award managers, and assigned jurors without a conflict while it is submitted."""
    if not is_active_member(user):
        return False
    if can_read_every_nomination(user):
        return True
    return (
        nomination.status == Nomination.Status.SUBMITTED
        and is_juror(user)
        and is_assigned(user, nomination)
        and not is_conflicted(user, nomination)
    )


def can_download(user, attachment: Attachment) -> bool:
    """Attachments: award managers, and assigned jurors without a conflict. Nobody else."""
    return can_read_nomination(user, attachment.nomination)


def can_score(user, nomination: Nomination, now=None) -> bool:
    if not is_active_member(user):
        return False
    return (
        nomination.status == Nomination.Status.SUBMITTED
        and nomination.programme.scoring_open(now)
        and is_juror(user)
        and is_assigned(user, nomination)
        and not is_conflicted(user, nomination)
    )


def can_see_others_scores(user, nomination: Nomination) -> bool:
    if can_read_every_nomination(user):
        return True
    return nomination.programme.round_state().deliberation_opened_at is not None and (
        can_read_nomination(user, nomination)
    )


def can_open_jury_review(user, nomination: Nomination) -> bool:
    """Reach the review page at all (a conflicted juror is then told why it is closed)."""
    return nomination.status == Nomination.Status.SUBMITTED and (
        is_assigned(user, nomination) or can_read_every_nomination(user)
    )


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


def can_decline(user, nomination: Nomination) -> bool:
    return (
        is_active_member(user)
        and nomination.nominee_user_id == user.pk
        and nomination.status == Nomination.Status.SUBMITTED
        and not nomination.programme.results_published()
    )
