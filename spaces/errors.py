"""Every refusal the spaces services can give, declared once (see ``home.errors``)."""

from django.utils.translation import gettext_lazy as _

from home.errors import ServiceError


class SpaceError(ServiceError):
    status = 409
    messages = {
        # A secret space, or one the viewer may not open: it simply cannot be found.
        "not_found": _("This group could not be found."),
        "sign_in": _("Sign in to join this group."),
        "automatic": _(
            "Members of this group come from its cohort or programme: it cannot be joined "
            "or left by request."
        ),
        "not_open": _("This group cannot be joined directly."),
        "not_on_request": _("This group does not take requests to join."),
        "already_member": _("You are already a member of this group."),
        "already_requested": _("You have already asked to join this group."),
        "not_member": _("You are not a member of this group."),
        "no_request": _("This request has already been answered or withdrawn."),
        "no_invitation": _("This invitation has already been answered or withdrawn."),
        "cannot_invite": _("This member cannot be invited to this group."),
        "not_host": _("Only the group's hosts can do this."),
        "last_host": _("A group needs at least one host: choose another host before you leave."),
        "suspended": _(
            "A moderator has suspended your messages. You can read the group, but not post for now."
        ),
        "locked": _("This thread is locked: no new replies."),
        "gone": _("This post is no longer here."),
        "empty_title": _("Give the thread a title."),
        "empty": _("Write something first."),
        "edit_window": _("Posts can be edited for %(minutes)s minutes after they are sent."),
        "own_post": _("You cannot report your own post."),
        "already_reported": _("You have already reported this. A moderator will look at it."),
        "posts_per_minute": _(
            "You are posting very quickly. Please wait a minute before you post again."
        ),
        "bad_file": _("This file could not be shared."),
        "no_link_or_file": _("Give a link or choose a file."),
        "link_and_file": _("Give a link or a file, not both."),
        "resource_title": _("Give the resource a title."),
        "bad_link": _("A link must be a web address starting with http:// or https://."),
        "not_yours": _("Only the person who shared this resource, or a host, can remove it."),
        "resource_gone": _("This resource has already been removed."),
        "not_your_post": _("Only the person who wrote this post can change it."),
    }
