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
        "cannot_accept": _("This nomination can no longer be accepted."),
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
        "round_closed": _("This round's shortlist is already closed."),
        "last_round": _("This is the last round: there is no next round to feed."),
        "empty_shortlist": _("Shortlist at least one nomination before closing the round."),
        "final_round": _("In the last round, use the shortlist and award on the results desk."),
        "not_in_round": _("That nomination is not part of this round."),
        "round_programme": _("Choose a round, categories and nominations of the same edition."),
        "nothing_chosen": _("Choose at least one juror and at least one category or nomination."),
        # An attachment the checks refused; the message names the file.
        "file": _("This file cannot be attached."),
    }
