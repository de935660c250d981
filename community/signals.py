from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from community.models import Profile, User

#: Sent inside the account-deletion transaction, before the account is deleted.
#: Receivers anonymise the records their app keeps (registrations, applications,
#: nominations): ``member_deleting.connect(handler)``; handler(sender, user, **kwargs).
member_deleting = Signal()

#: Sent when a member downloads their data. Receivers return a JSON-serialisable
#: ``(section_name, data)`` tuple describing what their app holds about ``user``.
collect_member_data = Signal()

#: Sent when a profile page is shown. Receivers (cohorts, awards, events) return a list of
#: short labels ("Alumna, 2025 cohort", "Award winner") to show as badges, deciding
#: themselves what ``viewer`` may know: handler(sender, profile, viewer, **kwargs).
profile_badges = Signal()


@receiver(post_save, sender=User)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Every account has a profile from the start, at the default 'members only'."""
    if created and not raw:
        Profile.objects.get_or_create(
            user=instance, defaults={"display_name": instance.get_full_name() or "Member"}
        )
