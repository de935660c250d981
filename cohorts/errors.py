"""Every refusal the cohorts services can give, declared once (see ``home.errors``).

Tests and logs match on ``code``; views show ``error.message``.
"""

from django.utils.translation import gettext_lazy as _

from home.errors import NotAllowed, ServiceError


class CohortsNotAllowed(NotAllowed):
    """The person may not do this to an application, a cohort or a certificate."""

    messages = {
        "not_yours": _("This is not your application."),
        "not_reviewer": _("Only cohort reviewers can do this."),
        "not_manager": _("Only programme staff can do this."),
        "not_assigned": _("This application is not in your review queue."),
    }


class ApplicationError(ServiceError):
    """An applicant's write was refused: the window, the lock after submission, withdrawal."""

    status = 409
    messages = {
        "not_open": _("Applications for this cohort are not open yet."),
        "closed": _("Applications for this cohort are closed."),
        "required": _("Some questions still need an answer."),
        "locked": _(
            "Your application is submitted and can no longer be changed. While applications "
            "are open you may withdraw it and submit it again."
        ),
        "withdrawn": _(
            "You withdrew this application. While applications are open you may apply again."
        ),
        "not_withdrawn": _("Only a withdrawn application can be started again."),
        "already_withdrawn": _("This application is already withdrawn."),
        "declined": _(
            "The decision on this application has been sent: there is nothing to withdraw."
        ),
        "cohort_started": _(
            "This cohort has started, so the application can no longer be withdrawn. If you "
            "cannot take part, please write to the programme team."
        ),
        "completed": _(
            "You completed this cohort: your completion and your certificate stay on record "
            "and cannot be withdrawn."
        ),
    }


class ReviewError(ServiceError):
    """A reviewer's move was refused."""

    messages = {
        "transition": _("An application cannot move from “%(from)s” to “%(to)s”."),
        "full": _(
            "Accepting this applicant would exceed the %(places)s places. Tick “accept beyond "
            "the number of places” to do it anyway."
        ),
        "score": _("A score is a whole number from 1 to 5."),
    }


class RubricError(ServiceError):
    """A review or an assignment was refused."""

    messages = {
        "no_criteria": _("This cohort has no review form yet. Programme staff add its criteria."),
        "score_range": _("“%(criterion)s” takes a whole number from %(min)s to %(max)s."),
        "conflict": _("%(name)s cannot review this application: %(reasons)s."),
        "not_a_reviewer": _("%(name)s is not a cohort reviewer."),
        "not_reviewable": _("Drafts and withdrawn applications are not reviewed."),
        "reviewed": _(
            "%(name)s has already reviewed this application; the review stays on record."
        ),
        "per_application": _("Give a number of reviews per application from 1 to 20."),
        "no_reviewers": _("Choose at least one reviewer."),
    }


class ReleaseError(ServiceError):
    """Releasing decisions was refused."""

    status = 409
    messages = {
        "applications_open": _(
            "Applications for this cohort are still open. Tick “release while applications "
            "are open” to send the decisions anyway."
        ),
    }


class ParticipantError(ServiceError):
    """A change to a participant was refused because of what they earned."""

    status = 409
    messages = {
        "certificate_held": _(
            "%(name)s holds a certificate for this cohort. Revoke the certificate first, "
            "with a reason, if the completion was recorded in error."
        ),
    }


class CertificateError(ServiceError):
    """Revoking or signing a certificate was refused."""

    messages = {
        "reason_required": _("Give a reason for revoking the certificate."),
        "status_list_full": _(
            "The certificate could not be given a place in the revocation list. Please try again."
        ),
    }
