"""The kernel's own notification kinds: digests and the Wagtail workflow emails to staff."""

from django.utils.translation import gettext_lazy as _

from home.notify import Kind, register

register(
    Kind(
        "home.digest",
        _("Digest of your notifications"),
        in_app=False,
        listed=False,
        template="emails/home/digest",
    ),
    Kind(
        "home.workflow_submitted",
        _("A page was submitted for moderation"),
        audience="staff",
        template="wagtailadmin/notifications/task_state_submitted",
    ),
    Kind(
        "home.workflow_started",
        _("A page entered a workflow"),
        audience="staff",
        template="wagtailadmin/notifications/workflow_state_submitted",
    ),
    Kind(
        "home.workflow_approved",
        _("A page you submitted was approved"),
        audience="staff",
        template="wagtailadmin/notifications/workflow_state_approved",
    ),
    Kind(
        "home.workflow_rejected",
        _("A page you submitted needs changes"),
        audience="staff",
        template="wagtailadmin/notifications/workflow_state_rejected",
    ),
)
