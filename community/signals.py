from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from community.models import Block, Connection, Profile, User
from home.request_memo import forget

# The member-data signals belong to the kernel; re-exported for the apps that connect here.
from home.signals import collect_member_data, member_deleting

__all__ = ["collect_member_data", "member_blocked", "member_deleting", "profile_badges"]

#: Sent when a profile page is shown. Receivers (cohorts, awards, events) return a list of
#: short labels ("Alumna, 2025 cohort", "Award winner") to show as badges, deciding
#: themselves what ``viewer`` may know: handler(sender, profile, viewer, **kwargs).
profile_badges = Signal()

#: Sent inside ``block_member``'s transaction: handler(sender, blocker, blocked, now).
#: Apps end what the two shared (messaging ends their conversations).
member_blocked = Signal()


@receiver(post_save, sender=User)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile from the start, at the default 'members only'."""
    if created and not raw:
        Profile.objects.get_or_create(
            user=instance, defaults={"display_name": instance.get_full_name() or "Member"}
        )


@receiver([post_save, post_delete], sender=Connection)
def forget_connections(sender, **kwargs):
    """A connection made or ended: the request's memo of who is connected is stale."""
    forget("connection_ids")


@receiver([post_save, post_delete], sender=Block)
def forget_blocks(sender, **kwargs):
    """A block made or lifted: the request's memo of who is blocked is stale."""
    forget("blocked_either_way")
