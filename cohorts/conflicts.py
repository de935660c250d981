"""Likely conflicts of interest between reviewers and applicants, from platform data (as
awards does for jurors): the reviewer's own application, the same organisation (the
reviewer's profile against the application's answer, compared case- and space-insensitively),
a connection between them, or a cohort or space they share (``home.circles``).

``conflicts_for(reviewers, applications)`` reads everything in a fixed number of queries
per reviewer, whatever the number of applications.
"""

import re

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home import circles

OWN = "own"
SAME_ORGANISATION = "same_organisation"
CONNECTED = "connected"
SHARED_SPACE = "shared_space"

LABELS = {
    OWN: _("their own application"),
    SAME_ORGANISATION: _("same organisation as the applicant"),
    CONNECTED: _("connected with the applicant"),
    SHARED_SPACE: _("shares a cohort or group with the applicant"),
}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()


def explain(reasons) -> str:
    return ", ".join(str(LABELS[r]) for r in sorted(reasons))


def conflicts_for(reviewers, applications) -> dict[tuple[int, int], set[str]]:
    """``{(reviewer id, application id): reasons}`` for every conflicted pair."""
    from community.models import Connection, Profile

    reviewers = list(reviewers)
    applications = list(applications)
    if not reviewers or not applications:
        return {}
    reviewer_ids = [r.pk for r in reviewers]
    organisations = {
        user: normalise(org)
        for user, org in Profile.objects.filter(user__in=reviewer_ids).values_list(
            "user", "organisation"
        )
    }
    applicant_ids = {a.applicant_id for a in applications if a.applicant_id}
    connected = set()
    for low, high in Connection.objects.filter(
        Q(user_low__in=reviewer_ids, user_high__in=applicant_ids)
        | Q(user_high__in=reviewer_ids, user_low__in=applicant_ids)
    ).values_list("user_low", "user_high"):
        connected.add((low, high))
        connected.add((high, low))
    out: dict[tuple[int, int], set[str]] = {}
    for reviewer in reviewers:
        sharing = circles.sharing_with(reviewer, applicant_ids) if applicant_ids else set()
        own_org = organisations.get(reviewer.pk, "")
        for application in applications:
            reasons = set()
            applicant = application.applicant_id
            if applicant == reviewer.pk:
                reasons.add(OWN)
            if own_org and own_org == normalise(application.organisation):
                reasons.add(SAME_ORGANISATION)
            if applicant and applicant != reviewer.pk:
                if (reviewer.pk, applicant) in connected:
                    reasons.add(CONNECTED)
                if applicant in sharing:
                    reasons.add(SHARED_SPACE)
            if reasons:
                out[(reviewer.pk, application.pk)] = reasons
    return out
