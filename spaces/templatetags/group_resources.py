"""Pieces of a group's pages that need a read of their own, for any template inside a
group: ``{% load group_resources %}`` then ``{% group_sessions space %}``,
``{% group_events space %}`` or ``{% group_resources space limit=5 %}``. Each asks the
access rule itself (``spaces.permissions``) for the viewer in the template's request."""

from django import template

from spaces import permissions, resource_selectors

register = template.Library()


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("spaces/includes/sessions.html", takes_context=True)
def group_sessions(context, space):
    viewer = _viewer(context)
    return {
        "request": context.get("request"),
        "space": space,
        "cohort": resource_selectors.reader_cohort(space),
        "can_read": permissions.can_read(viewer, space),
    }


@register.inclusion_tag("spaces/includes/events.html", takes_context=True)
def group_events(context, space, limit=5):
    return {
        "request": context.get("request"),
        "space": space,
        "events": resource_selectors.upcoming_events(space, _viewer(context), limit=limit),
    }


@register.inclusion_tag("spaces/includes/resources.html", takes_context=True)
def group_resources(context, space, limit=5):
    viewer = _viewer(context)
    return {
        "request": context.get("request"),
        "space": space,
        "resources": resource_selectors.resources_for(space, viewer, limit=limit),
        "can_host": permissions.can_host(viewer, space),
    }
