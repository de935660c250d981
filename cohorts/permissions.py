"""Who may do what with cohorts: predicates over the cohorts model permissions.

Cohort reviewers review the applications assigned to them (rubric scores, statuses, notes,
uploaded files); programme staff see every application, build the review form, assign
reviewers, see every review, move applications in bulk, release decisions, accept beyond the number of places, mark completion and
revoke certificates. Editors in neither group see no application at all. The groups are
created by the migration ``0002_reviewer_groups`` and again after every migrate or flush
(``home.permissions.ensure_groups``).

The ``cohort`` arguments name what is being acted on; the permissions are site-wide today.
"""

from home.permissions import ACCESS_ADMIN, has, is_active_member

REVIEWER_PERM = "cohorts.review_application"
MANAGER_PERM = "cohorts.manage_cohort"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Cohort reviewers": [ACCESS_ADMIN, REVIEWER_PERM],
    "Programme staff": [ACCESS_ADMIN, REVIEWER_PERM, MANAGER_PERM],
}


def is_reviewer(user) -> bool:
    return has(user, REVIEWER_PERM)


def is_manager(user) -> bool:
    return has(user, MANAGER_PERM)


def can_review_applications(user, cohort=None) -> bool:
    """See submitted applications, change their status, note, score, open their files."""
    return is_reviewer(user)


def can_see_all_applications(user, cohort=None) -> bool:
    """Programme staff see every application; cohort reviewers only those assigned to them."""
    return is_manager(user)


def can_manage_review(user, cohort=None) -> bool:
    """Build the review form, assign reviewers, see every review, move in bulk."""
    return is_manager(user)


def can_release_decisions(user, cohort=None) -> bool:
    """Release decisions to applicants, and accept beyond the number of places."""
    return is_manager(user)


def can_manage_participants(user, cohort=None) -> bool:
    """Mark completion, issue and revoke certificates, see any certificate."""
    return is_manager(user)


def can_view_space(user, cohort) -> bool:
    """The cohort space: its participants (and alumni), and reviewers or programme staff."""
    if not is_active_member(user):
        return False
    if is_reviewer(user) or is_manager(user):
        return True
    from cohorts.models import Participant

    return Participant.objects.filter(cohort=cohort.canonical, user=user).exists()


def ensure_groups() -> dict:
    """The cohorts groups, made again if missing (the demo seed and tests call it)."""
    from home.permissions import ensure_groups as ensure

    return ensure(GROUPS)
