from django.utils import timezone

from wagtail.models import Locale

import factory

from spaces.models import Access, Kind, Membership, Space


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    name = factory.Sequence(lambda n: f"Civic-space coalition {n}")
    slug = factory.Sequence(lambda n: f"coalition-{n}")
    description = "Reformers working together."
    kind = Kind.COALITION
    access = Access.OPEN
    locale = factory.LazyFunction(Locale.get_default)


def add_member(
    space,
    user,
    *,
    role=Membership.Role.MEMBER,
    state=Membership.State.ACTIVE,
    via=Membership.Via.JOINED,
):
    now = timezone.now()
    membership, _created = Membership.objects.update_or_create(
        space=space,
        user=user,
        defaults={
            "role": role,
            "state": state,
            "via": via,
            "created_at": now,
            "joined_at": now if state == Membership.State.ACTIVE else None,
        },
    )
    return membership
