"""Every refusal the awards services can give, declared once (see ``home.errors``)."""

from django.utils.translation import gettext_lazy as _

from home.errors import NotAllowed, ServiceError


class AwardNotAllowed(NotAllowed):
    """The person may not change, score or publish this."""

    messages = {
        "not_yours": _("You cannot change this nomination."),
        "cannot_score": _("You cannot score this nomination."),
        "cannot_withdraw": _("This nomination can no longer be withdrawn."),
        "cannot_decline": _("This nomination can no longer be declined."),
    }


class AwardError(ServiceError):
    """A nomination, score, conflict or result was refused."""

    status = 409
    messages = {
        "closed": _("Nominations for this programme are not open."),
        "inactive": _("This nomination has been withdrawn, declined or merged."),
        "too_many_files": _("A nomination can have at most five attachments."),
        "scoring_closed": _("Scoring is not open for this programme."),
        "range": _("Scores must be whole numbers from %(low)s to %(high)s."),
        "criterion": _("That criterion is not part of this nomination's rubric."),
        "binding": _("This conflict cannot be dismissed: you are a party to the nomination."),
        "no_winner": _("Choose at least one winner before publishing."),
        "published": _("The results are already published."),
        "category": _("Choose a category of this programme."),
        "merge": _("Only two different nominations in the same category can be merged."),
        "not_duplicate": _("This nomination is not flagged as a duplicate."),
        "award": _("Unknown award."),
        # An attachment the checks refused; the message names the file.
        "file": _("This file cannot be attached."),
    }
