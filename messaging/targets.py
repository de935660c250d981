"""What other apps can have reported: the moderation queue's registry of targets.

Messaging knows messages and conversations. Any other app registers what its members can
report (a post in a group, say) from its ``AppConfig.ready()``, and messaging never imports
it::

    targets.register(targets.Target(
        subject="post",
        label=_("A post in a group"),
        evidence_heading=_("The post, as it was when reported"),
        removed_label=_("Removed the post"),
        remove_label=_("Remove the post"),
        remove=remove_post,          # (report, *, now) -> the author (a User) or None
        is_gone=post_is_gone,        # (report) -> bool: already removed or deleted
        may_act=hosts_may_act,       # (user, scope) -> bool: besides moderators
        actions={"exclude": _("Removed the member from the group")},
    ))

A report of a target is created with ``messaging.services.report_create`` (the app checks
who may report what first), and acted on from the moderators' desk
(``/admin/reported-messages/``) or by the people ``may_act`` admits, through
``messaging.services`` (``report_dismiss``, ``content_remove``): every action is a
``ModerationAction`` row whatever the target.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_targets: dict[str, "Target"] = {}
_action_labels: dict[str, Any] = {}


@dataclass(frozen=True)
class Target:
    subject: str
    label: Any
    evidence_heading: Any
    removed_label: Any
    remove_label: Any
    #: Remove the content (everyone then sees "Removed by a moderator"); return its author.
    remove: Callable[..., Any]
    #: True when there is nothing left to remove.
    is_gone: Callable[[Any], bool]
    #: Who besides moderators may act on a report with this scope.
    may_act: Callable[[Any, str], bool] = lambda user, scope: False
    #: The notification kind that tells the author their content was removed, its link.
    removed_kind: str = ""
    #: (report, language) -> the email's context (the note is added); its link (report) -> link.
    removed_context: Callable[[Any, str], dict] | None = None
    removed_link: Callable[[Any], Any] | None = None
    #: Actions of the app's own (logged as ModerationAction rows): key → label.
    actions: dict[str, Any] = field(default_factory=dict)


def register(target: Target) -> None:
    _targets[target.subject] = target
    _action_labels.update(target.actions)


def get(subject: str) -> Target | None:
    return _targets.get(subject)


def subjects() -> list[str]:
    return list(_targets)


def action_label(action: str):
    return _action_labels.get(action, action)


def may_act(user, report) -> bool:
    """Besides moderators: whoever the report's target admits for its scope."""
    target = get(report.subject)
    return bool(target and report.scope and target.may_act(user, report.scope))
