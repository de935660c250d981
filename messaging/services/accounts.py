"""What messaging keeps about a member whose account is being deleted.

Their messages stay for the others, attributed to "Former member" (``sender`` null), with
their files removed; their places in conversations, their settings and the exchange
requests they sent or received go; reports they made stay for the moderators without
their name, and the copies of what was reported no longer name them.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from messaging.models import (
    Attachment,
    Conversation,
    ExchangeRequest,
    Message,
    MessagingSettings,
    Participant,
    Report,
)


@transaction.atomic
def member_forget(*, user, now=None) -> None:
    now = now or timezone.now()
    attachments = Attachment.objects.filter(message__sender=user)
    files = [(a.file.storage, a.file.name) for a in attachments if a.file]
    attachments.delete()
    Message.objects.filter(sender=user).update(sender=None)
    # Nobody can write to a former member: their direct conversations end.
    Conversation.objects.filter(
        kind=Conversation.Kind.DIRECT, participants__user=user, ended_at__isnull=True
    ).update(ended_at=now)
    about = Report.objects.filter(
        Q(reported=user) | Q(conversation__participants__user=user)
    ).distinct()
    for report in about.only("evidence"):
        changed = False
        for item in report.evidence:
            if item.get("sender_id") == user.pk:
                item["sender_id"] = None
                item["sender"] = ""
                changed = True
        if changed:
            report.save(update_fields=["evidence"])
    Participant.objects.filter(user=user).delete()
    MessagingSettings.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).update(reporter=None)
    ExchangeRequest.objects.filter(sender=user).delete()
    ExchangeRequest.objects.filter(recipient=user).delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
