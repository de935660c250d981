"""Reads about what a space shares and gathers: its resources, a cohort space's sessions
and materials, and the group's upcoming events. Each read costs a fixed number of
queries whatever the number of resources, sessions or events."""

import re

from django.db.models import QuerySet
from django.utils import timezone, translation

from wagtail.models import Locale

from spaces import permissions
from spaces.models import Kind, Resource


def resource_queryset(space) -> QuerySet:
    """Every resource still shared in ``space``, newest first (no access check)."""
    return Resource.objects.filter(space=space, removed_at__isnull=True).order_by(
        "-created_at", "-pk"
    )


def resources_for(space, viewer, *, limit: int | None = None) -> list:
    """The resources ``viewer`` may see in ``space`` (newest first)."""
    if not permissions.can_see_resources(viewer, space):
        return []
    resources = resource_queryset(space)
    if limit is not None:
        resources = resources[:limit]
    return annotate_resources(list(resources), space, viewer)


def annotate_resources(resources: list, space, viewer) -> list:
    """Set ``sharer`` (the sharer's name where the viewer may see their profile, else
    None) and ``removable`` on each resource: one query for the page."""
    from community.models import Profile

    ids = {r.added_by_id for r in resources if r.added_by_id}
    names = {}
    if ids:
        names = dict(
            Profile.objects.visible_to(viewer)
            .filter(user__in=ids)
            .values_list("user_id", "display_name")
        )
    hosts = permissions.can_host(viewer, space)
    mine = viewer.pk if viewer is not None and viewer.is_authenticated else None
    reader = permissions.can_read(viewer, space)
    for resource in resources:
        resource.sharer = names.get(resource.added_by_id)
        resource.removable = hosts or (reader and mine and resource.added_by_id == mine)
    return resources


def reader_cohort(space):
    """A cohort space's cohort page in the reader's language (else its original), or
    None. One query beyond the cohort itself."""
    if space.kind != Kind.COHORT or not space.cohort_id:
        return None
    cohort = space.cohort
    if cohort is None:
        return None
    language = translation.get_language() or "en"
    if cohort.locale.language_code != language:
        translated = (
            type(cohort)
            .objects.filter(
                translation_key=cohort.translation_key,
                locale__language_code=language,
                live=True,
            )
            .first()
        )
        if translated is not None:
            return translated
    return cohort


def session_materials(cohort) -> list[dict]:
    """A cohort's session materials, in curriculum order: ``session``, ``title``,
    ``href`` (a document's or a link's address, or empty)."""
    if cohort is None:
        return []
    materials = []
    for block in cohort.curriculum or []:
        value = block.value
        for material in value.get("materials") or []:
            document = material.get("document")
            href = document.url if document else (material.get("url") or "")
            materials.append(
                {"session": value.get("title"), "title": material.get("title"), "href": href}
            )
    return materials


def upcoming_events(space, viewer, *, limit: int = 5) -> list:
    """Upcoming live events limited to ``space``'s members, in the reader's language
    (untranslated ones in their source language). Two queries."""
    from events.models import Audience, EventPage
    from home.selectors import reader_scope

    locale = Locale.get_active()
    pattern = r"(^|,)\s*" + re.escape(space.code) + r"\s*(,|$)"
    events = (
        EventPage.objects.filter(reader_scope(locale))
        .filter(
            audience=Audience.COHORTS,
            audience_groups__iregex=pattern,
            start__isnull=False,
            end__gte=timezone.now(),
        )
        .select_related("locale")
        .order_by("start", "pk")
    )
    return list(events[:limit])


def may_read_session_material(cohort, document, viewer) -> bool:
    """Whether ``viewer`` may have ``document``, a session material of ``cohort`` (any of
    its language copies): they may see its group's resources (``home.document_guards``).
    Session materials are shown nowhere else."""
    from spaces.models import Space

    space = (
        Space.objects.filter(kind=Kind.COHORT, cohort__translation_key=cohort.translation_key)
        .order_by("pk")
        .first()
    )
    return space is not None and cohort.live and permissions.can_see_resources(viewer, space)
