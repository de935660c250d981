"""The spaces' notification kinds.

Announcements go to every member by email at once by default; replies in followed threads
wait for the daily digest. Emails say who wrote and in which group, and link there: they
never carry the post itself, so a member's words stay inside the group.
"""

from django.utils.translation import gettext_lazy as _

from home.models import Delivery
from home.notify import Kind, register

register(
    Kind("spaces.announcement", _("Announcements from the hosts of your groups")),
    Kind(
        "spaces.thread_reply",
        _("New replies in discussions you follow"),
        default=Delivery.DAILY,
    ),
    Kind("spaces.quoted", _("Someone quotes your post"), default=Delivery.DAILY),
    Kind("spaces.join_request", _("Someone asks to join a group you host")),
    Kind("spaces.request_answered", _("Answers to your requests to join a group")),
    Kind("spaces.invited", _("Someone invites you to a group")),
    Kind("spaces.post_removed", _("A host or moderator removed your post"), essential=True),
)

# Moderation: the hosts of a group are told when one of its posts is reported.
register(Kind("spaces.post_reported", _("A member reports a post in a group you host")))
