"""Sections other apps add to a member's profile page ("Groups", ...).

Community knows no app. An app registers a section from its ``apps.ready()``::

    sections.register(
        sections.ProfileSection(
            key="groups",
            template="spaces/includes/profile_groups.html",
            items=profile_groups,  # (viewer, profile) -> dict, or None to show nothing
            order=50,
        )
    )

The profile page is only shown to viewers who may see the profile; ``items`` decides on
top of that what its own content lets ``viewer`` know, in a bounded number of queries.
The template is included with ``section`` (the dict ``items`` returned) and ``profile``.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileSection:
    key: str
    template: str
    items: Callable
    order: int = 100


_SECTIONS: dict[str, ProfileSection] = {}


def register(section: ProfileSection) -> None:
    _SECTIONS[section.key] = section


def unregister(key: str) -> None:
    _SECTIONS.pop(key, None)


def for_profile(viewer, profile) -> list[dict]:
    """``[{"template": ..., "key": ..., **items}]`` for the sections with something to show."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        items = section.items(viewer, profile)
        if items:
            shown.append({"key": section.key, "template": section.template, **items})
    return shown
