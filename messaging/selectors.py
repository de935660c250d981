"""Reads for messaging (inbox, conversation, search) that span relations."""

from django.db.models import F, Q

from messaging.models import Participant


def unread_conversations(user):
    """The member's conversations with something new since they last read them (the
    header count)."""
    return Participant.objects.filter(
        user=user, left_at__isnull=True, hidden_at__isnull=True
    ).filter(Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("activity_at")))
