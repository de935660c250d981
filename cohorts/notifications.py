from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind(
        "cohorts.application_submitted",
        _("Receipt for an application you submitted"),
        essential=True,
    ),
    Kind("cohorts.decision", _("A decision on your application")),
    Kind("cohorts.deadline_draft", _("Reminders before applications close")),
    Kind("cohorts.certificate_issued", _("Your certificate is ready")),
    Kind("cohorts.certificate_revoked", _("Your certificate was revoked")),
    Kind(
        "cohorts.place_released",
        _("An accepted applicant gave up their place"),
        audience="staff",
    ),
)
