"""Messaging's receivers: blocking ends conversations; data rights."""

from django.dispatch import receiver

from community.signals import member_blocked


@receiver(member_blocked)
def end_conversations(sender, blocker, blocked, now=None, **kwargs):
    from messaging.services import conversations_end_for_block

    conversations_end_for_block(blocker=blocker, blocked=blocked, now=now)
