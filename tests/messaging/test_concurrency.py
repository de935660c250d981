"""PostgreSQL: two members starting a conversation with each other at the same moment
share one conversation, holding both first messages (the partial unique constraint
``one_open_direct_conversation_per_pair`` and the services' row locks).

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/i12_surfaces.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

import pytest

from community.factories import make_member
from messaging import services
from messaging.models import Conversation, Message, Participant
from tests.messaging.conftest import connect
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    """The tests here commit for real: the site is seeded for each test."""
    return fresh_site


@pytest.mark.parametrize("round_", range(5))
def test_writing_to_each_other_at_once_makes_one_conversation(site, round_):
    amina = make_member(display_name=f"Amina {round_}")
    bruno = make_member(display_name=f"Bruno {round_}")
    connect(amina, bruno)
    results = in_parallel(
        [
            lambda: services.conversation_start(
                sender=amina, recipients=[bruno], body="Bonjour Bruno", language="fr"
            ),
            lambda: services.conversation_start(
                sender=bruno, recipients=[amina], body="Hola Amina", language="es"
            ),
        ],
        return_exceptions=True,
    )
    assert all(isinstance(r, Conversation) for r in results), results
    assert results[0].pk == results[1].pk
    low, high = sorted([amina.pk, bruno.pk])
    conversations = Conversation.objects.filter(pair_low_id=low, pair_high_id=high)
    assert conversations.count() == 1
    conversation = conversations.get()
    assert sorted(
        Message.objects.filter(conversation=conversation).values_list("body", flat=True)
    ) == [
        "Bonjour Bruno",
        "Hola Amina",
    ]
    assert sorted(
        Participant.objects.filter(conversation=conversation).values_list("user_id", flat=True)
    ) == [low, high]


def test_the_database_itself_refuses_a_second_open_conversation(site):
    amina = make_member(display_name="Amina")
    bruno = make_member(display_name="Bruno")
    low, high = sorted([amina.pk, bruno.pk])
    now = timezone.now()
    fields = {
        "kind": Conversation.Kind.DIRECT,
        "pair_low_id": low,
        "pair_high_id": high,
        "created_at": now,
        "last_message_at": now,
    }
    Conversation.objects.create(started_by=amina, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Conversation.objects.create(started_by=bruno, **fields)
    assert Conversation.objects.filter(pair_low_id=low, pair_high_id=high).count() == 1
