"""What the moderation work registers: posts in groups as a target of the platform's one
moderation queue (``messaging.targets``), so messaging never imports spaces."""

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from messaging import targets
    from spaces.services import moderation

    targets.register(
        targets.Target(
            subject=moderation.SUBJECT,
            label=_("A post in a group"),
            evidence_heading=_("The post, as it was when reported"),
            removed_label=_("Removed the post"),
            remove_label=_("Remove the post"),
            remove=moderation.post_remove_for_report,
            is_gone=moderation.post_is_gone,
            may_act=moderation.hosts_may_act,
            removed_kind="spaces.post_removed",
            removed_context=moderation.removed_context,
            removed_link=moderation.removed_link,
            actions={moderation.EXCLUDE: _("Removed the member from the group")},
        )
    )
