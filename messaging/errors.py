"""Every refusal the messaging services can give, declared once (see ``home.errors``)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from home.errors import ServiceError


class MessagingError(ServiceError):
    """A conversation or message was refused."""

    status = 409
    messages = {
        "self": _("You cannot write to yourself."),
        # Blocked, hidden or gone: the member simply cannot be found.
        "not_found": _("This member could not be found."),
        "closed": _("This member does not receive new conversations."),
        "connections_only": _("This member receives new conversations only from connections."),
        "no_shared_circle": _(
            "This member receives new conversations only from connections and from people "
            "in their cohorts and groups."
        ),
        "suspended": _(
            "A moderator has suspended your messages. You can read your conversations, but "
            "not send messages for now."
        ),
        "no_recipients": _("Choose at least one person to write to."),
        "too_many_people": _("A conversation can have at most %(limit)s people."),
        "empty": _("Write a message, or attach a file."),
        "bad_file": _("This file could not be attached."),
        "too_many_files": _("You can attach at most %(limit)s files to a message."),
        "conversations_per_day": _(
            "You have started %(limit)s conversations in the last 24 hours, the most we "
            "allow. Please try again tomorrow."
        ),
        "strangers_per_day": _(
            "You have started %(limit)s conversations with people you are not connected "
            "with in the last 24 hours, the most we allow. Please try again tomorrow."
        ),
        "messages_per_minute": _(
            "You are sending messages very quickly. Please wait a minute and try again."
        ),
        "wait_for_reply": _(
            "You have sent %(limit)s messages to someone you are not connected with. Please "
            "wait for a reply before you write again."
        ),
        "not_participant": _("This conversation could not be found."),
        "ended": _("This conversation has ended. You can read it, but not reply."),
        "left": _("You have left this conversation."),
        "not_starter": _("Only the person who started the conversation can add people."),
        "direct_add": _("You can add people only to a group conversation."),
        "edit_window": _("A message can be changed only in the 15 minutes after it was sent."),
        "not_yours": _("You can change only your own messages."),
        "gone": _("This message was deleted."),
        # Reports and moderation.
        "own_message": _("You cannot report your own message."),
        "already_reported": _(
            "You have already reported this. A moderator will look at it; there is no need "
            "to report it again."
        ),
        "nothing_to_report": _("There is no message from anyone else here to report."),
        "report_closed": _("This report has already been dealt with."),
        "no_message": _(
            "This report is about a whole conversation: there is no single message to remove."
        ),
        "no_member": _("Choose the member this action is about."),
        "about_you": _("Another moderator must deal with a report or a suspension about you."),
        "bad_days": _("Choose how long the suspension lasts."),
        "not_suspended": _("This member's messages are not suspended."),
        "note_required": _("Write a note to the member: it is part of the email they receive."),
    }


class ExchangeError(MessagingError):
    """A mentoring or peer-exchange request, answer or feedback was refused."""

    messages = {
        "self": _("You cannot send a request to yourself."),
        "not_found": _("This member could not be found."),
        "not_open": _("This member is not open to this kind of request."),
        "paused": _("This member is not taking new requests just now."),
        "full": _("This member is not taking new requests just now."),
        "suspended": _(
            "A moderator has suspended your messages, so you cannot send requests for now."
        ),
        "already_open": _(
            "You have already sent this member a request of this kind. Please wait for "
            "their answer."
        ),
        "per_day": _(
            "You have sent %(limit)s requests in the last 24 hours, the most we allow. "
            "Please try again tomorrow."
        ),
        "bad_language": _("Choose a language you both speak, or English, French or Spanish."),
        "bad_format": _("Choose one of the formats offered."),
        "bad_reply": _("Choose one of the replies offered."),
        "not_yours": _("This request could not be found."),
        "answered": _("This request has already been answered."),
        "not_accepted": _("You can say how it went only for an accepted request."),
        "feedback_given": _("You have already said how it went. Thank you."),
        "unavailable": _("This request can no longer be accepted."),
    }


def exchange_at_limit(limit: int) -> ExchangeError:
    """The recipient already has ``limit`` exchanges under way, their own limit."""
    message = ngettext_lazy(
        "You already have %(limit)s exchange under way, the most you said you take on at "
        "once. Raise your limit in your message settings, or wait until it ends.",
        "You already have %(limit)s exchanges under way, the most you said you take on at "
        "once. Raise your limit in your message settings, or wait until one ends.",
        limit,
    )
    return ExchangeError("at_limit", message, params={"limit": limit})
