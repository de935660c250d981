"""Messaging's notification kinds.

The first message of a conversation goes by email at once by default; later ones wait for
the daily digest, one notification per conversation until the member reads it. Emails say
who wrote and link to the conversation: never an address, never the message itself, and
replies by email are not read.
"""

from django.utils.translation import gettext_lazy as _

from home.models import Delivery
from home.notify import Kind, register

register(
    Kind("messaging.conversation_started", _("Someone starts a conversation with you")),
    Kind(
        "messaging.new_message",
        _("New messages in your conversations"),
        default=Delivery.DAILY,
    ),
)

# Mentoring and peer exchange: a request, its answer, and one question afterwards.
register(
    Kind("messaging.exchange_request", _("Someone asks you for mentoring or a peer exchange")),
    Kind("messaging.exchange_answered", _("Answers to your mentoring and peer-exchange requests")),
    Kind("messaging.exchange_feedback", _("How did your mentoring or peer exchange go?")),
)

# Moderation: what moderators are told, and what the members concerned are told. The
# member-facing kinds are essential: a warning or a suspension always goes by email.
register(
    Kind(
        "messaging.report_received",
        _("A member reports a message"),
        audience="staff",
    ),
    Kind("messaging.report_resolved", _("A report you made was dealt with"), essential=True),
    Kind("messaging.message_removed", _("A moderator removed your message"), essential=True),
    Kind("messaging.member_warned", _("A moderator warns you"), essential=True),
    Kind(
        "messaging.member_suspended",
        _("A moderator suspends your messages"),
        essential=True,
    ),
    Kind(
        "messaging.suspension_lifted",
        _("A moderator lifts the suspension of your messages"),
        essential=True,
    ),
)
