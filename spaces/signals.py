"""Spaces follow what happens elsewhere: a published cohort gets its space, a new theme
its network, and a change in someone's participations moves them in or out of the
cohort spaces and alumni networks."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from cohorts.models import CohortPage, Participant, ProgrammePage
from home.models import Theme
from spaces import services


@receiver(post_save, sender=Participant, dispatch_uid="spaces.participation_saved")
@receiver(post_delete, sender=Participant, dispatch_uid="spaces.participation_deleted")
def participation_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.user_id is None:
        return
    services.sync_automatic(instance.user)


@receiver(page_published, sender=CohortPage, dispatch_uid="spaces.cohort_published")
def cohort_published(sender, instance, **kwargs):
    services.ensure_cohort_space(instance)


@receiver(page_published, sender=ProgrammePage, dispatch_uid="spaces.programme_published")
def programme_published(sender, instance, **kwargs):
    services.ensure_alumni_networks()


@receiver(post_save, sender=Theme, dispatch_uid="spaces.theme_saved")
def theme_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    if Theme.objects.filter(translation_key=instance.translation_key).count() == 1:
        services.ensure_thematic_network(instance)


# Data rights ------------------------------------------------------------------------------
from community.signals import collect_member_data, member_deleting  # noqa: E402


@receiver(member_deleting, dispatch_uid="spaces.member_deleting")
def forget_member(sender, user, **kwargs):
    """Their posts and resources stay, as "Former member"; memberships and follows go."""
    from spaces.services.accounts import member_forget

    member_forget(user=user)


@receiver(collect_member_data, dispatch_uid="spaces.collect_member_data")
def member_data(sender, user, **kwargs):
    from spaces.services.accounts import member_data as collect

    return "groups", collect(user)
