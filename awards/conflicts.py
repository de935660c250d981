"""Likely conflicts of interest, from what the platform already knows."""

from awards.models import ConflictOfInterest, Nomination, NominationCredit
from awards.models.nominations import normalise
from cohorts.selectors import shared_cohort
from community.models import Connection

Reason = ConflictOfInterest.Reason


def likely_conflicts(juror, nomination: Nomination) -> set[str]:
    reasons = set()
    if (
        nomination.nominator_id == juror.pk
        or NominationCredit.objects.filter(nomination=nomination, nominator=juror).exists()
    ):
        reasons.add(Reason.NOMINATOR)
    if nomination.nominee_user_id == juror.pk or (
        nomination.contact_email and nomination.contact_email.casefold() == juror.email.casefold()
    ):
        reasons.add(Reason.NOMINEE)
    profile = getattr(juror, "profile", None)
    organisation = normalise(profile.organisation) if profile else ""
    if organisation and organisation == normalise(nomination.organisation):
        reasons.add(Reason.SAME_ORGANISATION)
    other = nomination.nominee_user_id
    if other and other != juror.pk:
        low, high = Connection.ordered(juror.pk, other)
        if Connection.objects.filter(user_low_id=low, user_high_id=high).exists():
            reasons.add(Reason.CONNECTED)
        if shared_cohort(juror, nomination.nominee_user):
            reasons.add(Reason.SAME_COHORT)
    return reasons
