"""Every refusal the surveys services can give, declared once (see ``home.errors``)."""

from django.utils.translation import gettext_lazy as _

from home.errors import NotAllowed, ServiceError


class SurveysNotAllowed(NotAllowed):
    messages = {
        "not_invited": _("This survey was not sent to you."),
        "other_person": _(
            "This link was sent to someone else. Sign out, or open the link sent to you."
        ),
        "not_staff": _("Only programme staff can do this."),
    }


class SurveyError(ServiceError):
    status = 409
    messages = {
        "already_answered": _("You have already answered this survey. Thank you!"),
        "not_open": _("This survey is not open yet."),
        "closed": _("This survey is closed: answers are no longer taken."),
        "not_stakeholder": _("Only a stakeholder survey is launched by staff."),
        "no_questions": _("This survey has no questions yet."),
        "already_launched": _("This survey is already open: it was launched before."),
        "nobody": _("Nobody is in this group: there is nobody to invite."),
    }
