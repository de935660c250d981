"""Writes for messaging: conversations and messages, moderation, exchange requests.

Every function is keyword-only, runs in one transaction and takes ``now=`` for tests.
"""

from messaging.services.accounts import member_forget  # noqa: F401
from messaging.services.conversations import (  # noqa: F401
    conversation_hide,
    conversation_leave,
    conversation_read,
    conversation_start,
    conversations_end_for_block,
    message_delete,
    message_edit,
    message_send,
    participants_add,
    settings_update,
)
from messaging.services.exchanges import (  # noqa: F401
    exchange_accept,
    exchange_decline,
    exchange_feedback,
    exchange_propose,
    exchange_request,
    exchange_withdraw,
    exchanges_ask_feedback,
    exchanges_end_for_block,
)
from messaging.services.moderation import (  # noqa: F401
    action_record,
    content_remove,
    lock_reporter,
    member_suspend,
    member_warn,
    message_remove,
    open_report_exists,
    report_conversation,
    report_create,
    report_dismiss,
    report_message,
    suspension_lift,
)
