"""The spaces' circle: people who share a cohort space, an alumni network, or a group one
joins only by request or invitation. Open networks are left out: anyone may join them,
so sharing one says nothing about knowing each other (a member who lets "people in my
cohorts and groups" write to them does not open their inbox to every stranger)."""

from spaces.models import Access, Membership


def space_mates(user):
    mine = Membership.objects.filter(user=user, state=Membership.State.ACTIVE).exclude(
        space__access=Access.OPEN
    )
    return Membership.objects.filter(
        state=Membership.State.ACTIVE, space__in=mine.values("space")
    ).values("user")
