"""Reads for messaging (inbox, conversation, search) that span relations."""

from django.db.models import F, Q

from messaging.models import Participant


def unread_conversations(user):
    """The member's conversations with something new since they last read them (the
    header count)."""
    return Participant.objects.filter(
        user=user, left_at__isnull=True, hidden_at__isnull=True
    ).filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("activity_at")))


def place_for(user, conversation_id):
    """The member's place in a conversation they can see (not hidden by a block), or
    None: anything else answers 404."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.filter(
            conversation_id=conversation_id, user=user, hidden_at__isnull=True
        )
        .select_related("conversation")
        .first()
    )


def visible_messages(user, place):
    """The messages of ``place``'s conversation that ``user`` can read: not deleted or
    removed, sent while they were there (before they left)."""
    from messaging.models import Message

    messages = Message.objects.filter(
        conversation_id=place.conversation_id,
        deleted_at__isnull=True,
        removed_at__isnull=True,
    )
    if place.left_at is not None:
        messages = messages.filter(created_at__lte=place.left_at)
    # In a group conversation, neither of two members who blocked each other sees the
    # other's messages from the block on.
    from community.models import Block

    for blocker, blocked, since in Block.objects.filter(
        Q(blocker=user) | Q(blocked=user)
    ).values_list("blocker_id", "blocked_id", "created_at"):
        other = blocked if blocker == user.pk else blocker
        messages = messages.exclude(sender_id=other, created_at__gte=since)
    return messages


def visible_message(user, message_id):
    """A message ``user`` can read, with their place, or (None, None)."""
    from messaging.models import Message

    message = Message.objects.filter(pk=message_id).select_related("conversation").first()
    if message is None:
        return None, None
    place = place_for(user, message.conversation_id)
    if place is None or not visible_messages(user, place).filter(pk=message.pk).exists():
        return None, None
    return message, place


def display_names(user_ids) -> dict[int, str]:
    """Display names for staff records (reports, actions): the profile's, else the
    account's full name."""
    from django.contrib.auth import get_user_model

    from community.models import Profile

    ids = {pk for pk in user_ids if pk}
    names = dict(Profile.objects.filter(user_id__in=ids).values_list("user_id", "display_name"))
    for user in get_user_model().objects.filter(pk__in=ids - set(names)):
        names[user.pk] = user.get_full_name()
    return names
