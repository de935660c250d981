"""What the resource work registers with the kernel and other apps.

Events for a group: an event for "specific cohorts or alumni" may list ``group:<slug>``
codes (``Space.code``). Active members of those groups may register
(``events_audience_allows``), and the event page names a group only to viewers who may
know it exists (``permissions.can_see``); anyone else reads "Members of a group", so a
secret group's name never reaches a non-member through an event.
"""

from django.utils.translation import gettext as _

from wagtail import hooks

PREFIX = "group:"


def group_slugs(codes) -> list[str]:
    return [
        code[len(PREFIX) :] for code in codes if code.startswith(PREFIX) and code[len(PREFIX) :]
    ]


def group_event_audience(event, user) -> bool:
    """An active member of one of the event's groups may register."""
    from events.audience import audience_codes
    from spaces.models import Membership

    slugs = group_slugs(audience_codes(event))
    if not slugs or user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user,
        state=Membership.State.ACTIVE,
        space__slug__in=slugs,
        space__original__isnull=True,
        space__archived_at__isnull=True,
    ).exists()


def group_event_labels(codes, viewer) -> dict:
    """``{code: label}`` for the ``group:`` codes: "Members of <name>" for a group the
    viewer may see, else (secret, archived or unknown alike) "Members of a group"."""
    from spaces import permissions, selectors

    slugs = group_slugs(codes)
    if not slugs:
        return {}
    spaces = {space.slug: space for space in selectors.originals().filter(slug__in=slugs)}
    selectors.read_memberships(viewer, spaces.values())
    visible = [space for space in spaces.values() if permissions.can_see(viewer, space)]
    selectors.localized(visible)
    generic = _("Members of a group")
    labels = {}
    for slug in slugs:
        space = spaces.get(slug)
        if space is not None and space in visible:
            labels[PREFIX + slug] = _("Members of %(group)s") % {"group": space.display_name}
        else:
            labels[PREFIX + slug] = generic
    return labels


def resources_data(sender, user, **kwargs):
    """The member's data download: what they shared with groups (still shared or not)."""
    from spaces.models import Resource

    rows = (
        Resource.objects.filter(added_by=user).select_related("space").order_by("created_at", "pk")
    )
    return (
        "group_resources",
        [
            {
                "group": r.space.name,
                "title": r.title,
                "description": r.description,
                "link": r.url,
                "file_name": r.original_name,
                "shared_at": r.created_at,
                "removed_at": r.removed_at,
            }
            for r in rows
        ],
    )


def connect() -> None:
    from home.signals import collect_member_data

    hooks.register("events_audience_allows", group_event_audience)
    hooks.register("events_audience_labels", group_event_labels)
    hooks.register("cohort_space_url", cohort_space_url)
    collect_member_data.connect(resources_data, dispatch_uid="spaces.resources_data")


def cohort_space_url(cohort) -> str:
    """Where the cohorts app sends people to its cohort space: the cohort's group."""
    from django.urls import reverse

    from spaces.services import ensure_cohort_space

    return reverse("spaces:space", args=[ensure_cohort_space(cohort).slug])
