from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind(
        "awards.nomination_submitted",
        _("Receipt for a nomination you submitted"),
        essential=True,
    ),
    Kind("awards.nominee_notified", _("Someone nominated you for an award")),
    Kind("awards.results_published", _("Award results are published")),
    Kind("awards.feedback", _("The jury's feedback on your nomination")),
    Kind("awards.deadline_draft", _("Reminders before nominations close")),
    Kind("awards.deadline_scoring", _("Reminders before judging closes, for jurors")),
    Kind("awards.deadline_acceptance", _("Reminders to answer a nomination")),
)
