"""Receivers for the community signals: a member leaving, a member downloading their data."""

from django.db.models.signals import post_save
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
