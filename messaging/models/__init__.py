from messaging.models.conversations import (
    Attachment,
    Conversation,
    Message,
    MessagingSettings,
    Participant,
)
from messaging.models.exchanges import ExchangeFeedback, ExchangeRequest
from messaging.models.moderation import ModerationAction, Report

__all__ = [
    "Attachment",
    "Conversation",
    "ExchangeFeedback",
    "ExchangeRequest",
    "Message",
    "MessagingSettings",
    "ModerationAction",
    "Participant",
    "Report",
]
