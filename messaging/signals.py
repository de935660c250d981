"""Messaging's receivers: blocking ends conversations; data rights."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from community.signals import collect_member_data, member_blocked, member_deleting
from home.request_memo import forget
from messaging.models import MessagingSettings


@receiver(member_blocked)
def end_conversations(sender, blocker, blocked, now=None, **kwargs):
    from messaging.services import conversations_end_for_block

    conversations_end_for_block(blocker=blocker, blocked=blocked, now=now)


# Mentoring and peer exchange -------------------------------------------------------------
@receiver(member_blocked, dispatch_uid="messaging.exchanges_end_for_block")
def end_exchange_requests(sender, blocker, blocked, now=None, **kwargs):
    from messaging.services import exchanges_end_for_block

    exchanges_end_for_block(blocker=blocker, blocked=blocked, now=now)


@receiver(member_deleting, dispatch_uid="messaging_member_deleting")
def forget_member(sender, user, **kwargs):
    """Their messages stay for the others as "Former member", without their files."""
    from messaging.services import member_forget

    member_forget(user=user)


def _when(moment):
    return moment.isoformat() if moment else None


@receiver(collect_member_data, dispatch_uid="messaging_collect_member_data")
def member_data(sender, user, **kwargs):
    """Conversations they are in, messages they sent, their settings, and their
    mentoring and peer-exchange requests with their own feedback. Other people's messages are theirs, and are not part of the download."""
    from messaging.models import Message, MessagingSettings, Participant
    from messaging.services.exchanges import exchange_member_data

    conversations = [
        {
            "id": p.conversation_id,
            "kind": p.conversation.kind,
            "title": p.conversation.title,
            "joined_at": _when(p.joined_at),
            "left_at": _when(p.left_at),
        }
        for p in Participant.objects.filter(user=user)
        .select_related("conversation")
        .order_by("joined_at")
    ]
    messages = [
        {
            "conversation": m.conversation_id,
            "sent_at": _when(m.created_at),
            "text": m.body,
            "edited_at": _when(m.edited_at),
            "deleted": m.deleted_at is not None,
            "removed_by_moderator": m.removed_at is not None,
            "attachments": [a.original_name for a in m.attachments.all()],
        }
        for m in Message.objects.filter(sender=user)
        .prefetch_related("attachments")
        .order_by("created_at", "id")
    ]
    own = MessagingSettings.objects.filter(user=user).first()
    settings = (
        {
            "who_may_message": own.who_may_message,
            "exchanges_paused": own.exchanges_paused,
            "exchanges_at_once": own.exchanges_at_once,
            "suspended_until": _when(own.suspended_until) if own.suspended_at else None,
        }
        if own
        else {}
    )
    exchanges = exchange_member_data(user)
    return (
        "messages",
        {
            "conversations": conversations,
            "messages": messages,
            "settings": settings,
            "exchange_requests": exchanges,
        },
    )


@receiver([post_save, post_delete], sender=MessagingSettings)
def forget_settings(sender, **kwargs):
    """Settings saved (a suspension, a member's choices): the request's memo is stale."""
    forget("messaging_settings")
