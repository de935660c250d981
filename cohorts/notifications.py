from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind(
        "cohorts.application_submitted",
        _("Receipt for an application you submitted"),
        essential=True,
    ),
    Kind("cohorts.decision", _("A decision on your application")),
    Kind("cohorts.certificate_issued", _("Your certificate is ready")),
)
