"""Messaging's receivers: blocking ends conversations; data rights."""

from django.dispatch import receiver

from community.signals import collect_member_data, member_blocked


@receiver(member_blocked)
def end_conversations(sender, blocker, blocked, now=None, **kwargs):
    from messaging.services import conversations_end_for_block

    conversations_end_for_block(blocker=blocker, blocked=blocked, now=now)


# Mentoring and peer exchange -------------------------------------------------------------
@receiver(member_blocked, dispatch_uid="messaging.exchanges_end_for_block")
def end_exchange_requests(sender, blocker, blocked, now=None, **kwargs):
    from messaging.services import exchanges_end_for_block

    exchanges_end_for_block(blocker=blocker, blocked=blocked, now=now)


@receiver(collect_member_data, dispatch_uid="messaging.exchange_data")
def exchange_data(sender, user, **kwargs):
    from messaging.services.exchanges import exchange_member_data

    return "mentoring_and_peer_exchange", exchange_member_data(user)
