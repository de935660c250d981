"""The conversation services' core behaviour (fuller tables live beside the views)."""

import pytest

from community.services import block_member
from messaging.errors import MessagingError
from messaging.models import Conversation, Message, Participant
from messaging.services import conversation_start, message_send

pytestmark = pytest.mark.django_db


def test_connected_members_share_one_direct_conversation(connected):
    amina, bruno = connected
    first = conversation_start(sender=amina, recipients=[bruno], body="Bonjour **Bruno**")
    second = conversation_start(sender=bruno, recipients=[amina], body="¡Hola!")
    assert first.pk == second.pk
    assert list(Message.objects.filter(conversation=first).values_list("body", flat=True)) == [
        "Bonjour **Bruno**",
        "¡Hola!",
    ]
    assert Message.objects.filter(conversation=first).first().html == (
        "<p>Bonjour <strong>Bruno</strong></p>"
    )


def test_blocking_ends_the_conversation_and_hides_it_for_the_blocker(connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hello")
    block_member(blocker=bruno, blocked=amina)
    conversation.refresh_from_db()
    assert conversation.ended_at is not None
    assert Participant.objects.get(conversation=conversation, user=bruno).hidden_at is not None
    with pytest.raises(MessagingError) as error:
        message_send(sender=amina, conversation=conversation, body="Still there?")
    assert error.value.code == "ended"
    assert Conversation.objects.count() == 1
