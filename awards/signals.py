"""Receivers for the community signals: a member leaving, a member downloading their data."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from community.signals import collect_member_data, member_deleting


@receiver(member_deleting, dispatch_uid="awards.anonymise")
def anonymise(sender, user, **kwargs):
    from awards.services import anonymise_member

    anonymise_member(user=user)


@receiver(collect_member_data, dispatch_uid="awards.collect")
def collect(sender, user, **kwargs):
    from awards.models import ConflictOfInterest, JurorRole, Nomination, Score
    from awards.selectors import member_nominations

    nominations = [
        {
            "programme": n.programme.title,
            "category": n.category.name,
            "status": n.status,
            "nominee_name": n.nominee_name,
            "organisation": n.organisation,
            "country": n.country.code if n.country else "",
            "contact_email": n.contact_email,
            "statements": n.statements,
            "links": n.links,
            "attachments": [a.original_name for a in n.attachments.all()],
            "created_at": n.created_at.isoformat(),
            "submitted_at": n.submitted_at.isoformat() if n.submitted_at else None,
        }
        for n in member_nominations(user)
    ]
    received = [
        {"programme": n.programme.title, "status": n.status, "award": n.award}
        for n in Nomination.objects.filter(nominee_user=user)
        .exclude(status__in=[Nomination.Status.DRAFT, Nomination.Status.MERGED])
        .select_related("programme")
    ]
    jury = [
        {
            "programme": r.programme.title,
            "publish_name": r.publish_name,
            "public_name": r.public_name,
        }
        for r in JurorRole.objects.filter(user=user).select_related("programme")
    ]
    scores = [
        {
            "nomination": s.nomination_id,
            "criterion": s.criterion.name,
            "value": s.value,
            "comment": s.comment,
        }
        for s in Score.objects.filter(juror=user).select_related("criterion")
    ]
    conflicts = [
        {"nomination": c.nomination_id, "reason": c.reason, "status": c.status, "note": c.note}
        for c in ConflictOfInterest.objects.filter(juror=user)
    ]
    return (
        "awards",
        {
            "nominations_made": nominations,
            "nominations_received": received,
            "jury_roles": jury,
            "scores": scores,
            "conflicts_of_interest": conflicts,
        },
    )


@receiver(post_save, sender="awards.JurorAssignment", dispatch_uid="awards.assignment_conflicts")
def flag_conflicts_on_assignment(sender, instance, raw=False, **kwargs):
    """Assignments made in the admin get their likely conflicts flagged straight away."""
    if raw:
        return
    from awards.services import conflicts_refresh

    conflicts_refresh(role=instance.juror)


def _forget_cached_permissions(user) -> None:
    for name in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(name, None)


@receiver(post_save, sender="awards.JurorRole", dispatch_uid="awards.juror_joins_group")
def juror_joins_group(sender, instance, created, raw=False, **kwargs):
    """A member appointed to a jury (by the service, the admin or a seed) holds the juror
    role: the "Jurors" group (``awards.permissions``)."""
    if raw or not created:
        return
    from awards.permissions import GROUPS, JURORS_GROUP
    from home.permissions import ensure_groups

    group = ensure_groups({JURORS_GROUP: GROUPS[JURORS_GROUP]})[JURORS_GROUP]
    instance.user.groups.add(group)
    _forget_cached_permissions(instance.user)


@receiver(post_delete, sender="awards.JurorRole", dispatch_uid="awards.juror_leaves_group")
def juror_leaves_group(sender, instance, **kwargs):
    """Off their last jury, a member leaves the "Jurors" group."""
    from django.contrib.auth.models import Group

    from awards.models import JurorRole
    from awards.permissions import JURORS_GROUP

    if not JurorRole.objects.filter(user_id=instance.user_id).exists():
        group = Group.objects.filter(name=JURORS_GROUP).first()
        if group is not None:
            group.user_set.remove(instance.user_id)
        cached = instance._state.fields_cache.get("user")
        if cached is not None:
            _forget_cached_permissions(cached)
