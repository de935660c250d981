"""Buttons other apps add to a profile page and to directory cards ("Message", ...).

Community knows no app. An app registers an action from its ``apps.ready()``::

    actions.register(
        actions.ProfileAction(
            key="message",
            template="messaging/includes/message_button.html",
            allowed=permissions_for_page,  # (viewer, profiles) -> set of profile ids
            order=10,
        )
    )

``allowed(viewer, profiles)`` decides for a whole page of profiles at once, in a fixed
number of queries whatever their number (the directory asserts it). The template is
included with ``target`` (the ``ProfileView``) and ``next`` (the current address); it
renders nothing it may not show, and never says why a button is missing.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileAction:
    key: str
    template: str
    allowed: Callable
    order: int = 100


_ACTIONS: dict[str, ProfileAction] = {}


def register(action: ProfileAction) -> None:
    _ACTIONS[action.key] = action


def unregister(key: str) -> None:
    _ACTIONS.pop(key, None)


def for_profiles(viewer, profiles) -> dict[int, list[str]]:
    """Profile id → the templates of the actions ``viewer`` may use on it, in order."""
    profiles = list(profiles)
    result: dict[int, list[str]] = {p.pk: [] for p in profiles}
    if not profiles or viewer is None or not viewer.is_authenticated:
        return result
    for action in sorted(_ACTIONS.values(), key=lambda a: (a.order, a.key)):
        for pk in action.allowed(viewer, profiles):
            if pk in result:
                result[pk].append(action.template)
    return result
