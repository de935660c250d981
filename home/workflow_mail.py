"""Wagtail's moderation and workflow emails, sent through ``notify()``.

Wagtail renders its workflow emails in the language active in the request that triggers
them (the submitter's), sends them synchronously and loses them when the mail server is
down. These notifiers keep Wagtail's recipients, templates and per-user switches, but
tell each recipient through ``notify()``: in their own language, through the outbox, and
in their notification centre. ``HomeConfig.ready`` connects them under Wagtail's own
``dispatch_uid``s before Wagtail's admin app does, so Wagtail's senders are never connected.
"""

from wagtail.admin import mail as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted


class NotifyMixin:
    kind = ""

    def get_valid_recipients(self, instance, **kwargs):
        from home.permissions import can_access_admin

        recipients = super().get_valid_recipients(instance, **kwargs)
        # A member who proposed a story is told by the content app in their own words;
        # Wagtail's admin-flavoured emails go to people who can use the admin.
        return {user for user in recipients if can_access_admin(user)}

    def send_notifications(self, template_set, context, recipients, **kwargs):
        from home import links
        from home.notify import notify

        instance = context.get("object")
        page = context.get("page")
        for recipient in recipients:
            notify(
                recipient,
                self.kind,
                context=lambda language, recipient=recipient: {
                    **context,
                    "user": recipient,
                    # Wagtail's template links the live page: in the recipient's language.
                    "page_url": links.page_url(page, language) if page is not None else "",
                },
                link=_admin_link(instance),
            )
        return True


def _admin_link(instance) -> str:
    from django.urls import reverse

    page = getattr(instance, "specific", instance)
    if getattr(page, "pk", None) and hasattr(page, "get_url_parts"):
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return reverse("wagtailadmin_home")


class TaskSubmitted(NotifyMixin, wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    kind = "home.workflow_submitted"


class WorkflowSubmitted(NotifyMixin, wagtail_mail.WorkflowStateSubmissionEmailNotifier):
    kind = "home.workflow_started"


class WorkflowApproved(NotifyMixin, wagtail_mail.WorkflowStateApprovalEmailNotifier):
    kind = "home.workflow_approved"


class WorkflowRejected(NotifyMixin, wagtail_mail.WorkflowStateRejectionEmailNotifier):
    kind = "home.workflow_rejected"


#: Kept for the life of the process (signals hold receivers weakly).
NOTIFIERS = {
    "group_approval_task_submitted_email_notification": (
        task_submitted,
        TaskState,
        TaskSubmitted(),
    ),
    "workflow_state_submitted_email_notification": (
        workflow_submitted,
        WorkflowState,
        WorkflowSubmitted(),
    ),
    "workflow_state_rejected_email_notification": (
        workflow_rejected,
        WorkflowState,
        WorkflowRejected(),
    ),
    "workflow_state_approved_email_notification": (
        workflow_approved,
        WorkflowState,
        WorkflowApproved(),
    ),
}


def connect() -> None:
    """Take Wagtail's places (same dispatch_uid) so its own senders are never connected."""
    for uid, (signal, sender, notifier) in NOTIFIERS.items():
        signal.connect(notifier, sender=sender, dispatch_uid=uid, weak=False)
