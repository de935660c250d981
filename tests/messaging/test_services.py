"""The conversation services: who may write, limits, groups, and what people are told."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.factories import make_member
from community.models import Visibility
from community.services import block_member
from home import circles
from home.errors import TextTooLong
from home.models import Notification, OutboxEmail
from messaging.errors import MessagingError
from messaging.models import Conversation, Message, MessagingSettings, Participant
from messaging.models.conversations import Audience
from messaging.services import (
    conversation_read,
    conversation_start,
    message_send,
    participants_add,
    settings_update,
)
from messaging.services.conversations import (
    CONVERSATIONS_PER_DAY,
    FIRST_MESSAGES,
    MESSAGES_PER_MINUTE,
    STRANGERS_PER_DAY,
)
from tests.messaging.conftest import connect

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    """A registered circle whose members are the ids put in ``members``."""
    members: set[int] = set()

    def members_sharing(user):
        from community.models import Profile

        ids = members if user.pk in members else set()
        return Profile.objects.filter(user_id__in=ids).values("user")

    circles.register("test-circle", members_sharing)
    yield members
    circles._CIRCLES.pop("test-circle", None)


def code_of(call):
    with pytest.raises(MessagingError) as error:
        call()
    return error.value.code


def test_a_stranger_sharing_no_circle_is_refused_with_the_reason(amina, bruno):
    assert (
        code_of(lambda: conversation_start(sender=amina, recipients=[bruno], body="Hi"))
        == "no_shared_circle"
    )
    assert Conversation.objects.count() == 0


def test_people_sharing_a_circle_may_write_unless_the_setting_says_connections(
    amina, bruno, circle
):
    circle.update({amina.pk, bruno.pk})
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hola")
    assert conversation.participants.count() == 2
    settings_update(user=amina, who_may_message=Audience.CONNECTIONS)
    assert (
        code_of(lambda: conversation_start(sender=bruno, recipients=[amina], body="Hi"))
        == "connections_only"
    )


def test_nobody_refuses_even_connections(connected):
    amina, bruno = connected
    settings_update(user=bruno, who_may_message=Audience.NOBODY)
    assert (
        code_of(lambda: conversation_start(sender=amina, recipients=[bruno], body="Hi")) == "closed"
    )


def test_a_hidden_member_still_talks_with_connections_but_not_with_circle_mates(
    amina, bruno, circle
):
    stranger = make_member(display_name="Chen Wei")
    circle.update({amina.pk, stranger.pk})
    connect(amina, bruno)
    amina.profile.visibility = Visibility.HIDDEN
    amina.profile.save()
    conversation_start(sender=bruno, recipients=[amina], body="Still here?")
    conversation_start(sender=amina, recipients=[bruno], body="Yes!")
    # The circle-mate cannot discover her through messaging: she "does not exist".
    assert (
        code_of(lambda: conversation_start(sender=stranger, recipients=[amina], body="Hello"))
        == "not_found"
    )


def test_blocked_either_way_is_not_found(connected):
    amina, bruno = connected
    block_member(blocker=amina, blocked=bruno)
    for sender, recipient in [(amina, bruno), (bruno, amina)]:
        assert (
            code_of(
                lambda s=sender, r=recipient: conversation_start(
                    sender=s, recipients=[r], body="Hi"
                )
            )
            == "not_found"
        )


def test_a_suspended_member_cannot_send_but_others_can_still_write_to_them(connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hello")
    MessagingSettings.objects.update_or_create(
        user=bruno, defaults={"suspended_at": timezone.now(), "suspended_until": None}
    )
    assert (
        code_of(lambda: message_send(sender=bruno, conversation=conversation, body="x"))
        == "suspended"
    )
    message_send(sender=amina, conversation=conversation, body="Are you there?")
    # A suspension with an end lapses by itself.
    MessagingSettings.objects.filter(user=bruno).update(
        suspended_until=timezone.now() - timedelta(minutes=1)
    )
    message_send(sender=bruno, conversation=conversation, body="Back")


def test_messages_per_minute_are_limited(connected):
    amina, bruno = connected
    now = timezone.now()
    conversation = conversation_start(sender=amina, recipients=[bruno], body="1", now=now)
    for n in range(MESSAGES_PER_MINUTE - 1):
        message_send(sender=amina, conversation=conversation, body=str(n), now=now)
    assert (
        code_of(lambda: message_send(sender=amina, conversation=conversation, body="x", now=now))
        == "messages_per_minute"
    )
    later = now + timedelta(minutes=2)
    message_send(sender=amina, conversation=conversation, body="later", now=later)


def test_new_conversations_per_day_are_limited(amina):
    now = timezone.now()
    people = [make_member(display_name=f"Peer {n}") for n in range(CONVERSATIONS_PER_DAY + 1)]
    for person in people:
        connect(amina, person)
    for n, person in enumerate(people[:CONVERSATIONS_PER_DAY]):
        conversation_start(
            sender=amina, recipients=[person], body="Hi", now=now + timedelta(minutes=2 * n)
        )
    last = now + timedelta(hours=2)
    assert (
        code_of(
            lambda: conversation_start(sender=amina, recipients=[people[-1]], body="Hi", now=last)
        )
        == "conversations_per_day"
    )
    conversation_start(
        sender=amina, recipients=[people[-1]], body="Hi", now=now + timedelta(hours=25)
    )


def test_conversations_with_strangers_are_limited_sooner(amina, circle):
    now = timezone.now()
    people = [make_member(display_name=f"Mate {n}") for n in range(STRANGERS_PER_DAY + 1)]
    circle.update({amina.pk, *(p.pk for p in people)})
    for n, person in enumerate(people[:STRANGERS_PER_DAY]):
        conversation_start(
            sender=amina, recipients=[person], body="Hi", now=now + timedelta(minutes=2 * n)
        )
    assert (
        code_of(
            lambda: conversation_start(
                sender=amina, recipients=[people[-1]], body="Hi", now=now + timedelta(hours=1)
            )
        )
        == "strangers_per_day"
    )


def test_first_messages_to_a_stranger_wait_for_a_reply(amina, bruno, circle):
    circle.update({amina.pk, bruno.pk})
    now = timezone.now()
    conversation = conversation_start(sender=amina, recipients=[bruno], body="1", now=now)
    for n in range(FIRST_MESSAGES - 1):
        message_send(
            sender=amina, conversation=conversation, body=str(n), now=now + timedelta(minutes=n + 1)
        )
    assert (
        code_of(
            lambda: message_send(
                sender=amina, conversation=conversation, body="x", now=now + timedelta(minutes=9)
            )
        )
        == "wait_for_reply"
    )
    message_send(
        sender=bruno, conversation=conversation, body="Hello!", now=now + timedelta(minutes=10)
    )
    message_send(
        sender=amina, conversation=conversation, body="Great", now=now + timedelta(minutes=11)
    )


def test_a_group_holds_at_most_twenty_people(amina):
    people = [make_member(display_name=f"Colleague {n}") for n in range(20)]
    for person in people:
        connect(amina, person)
    assert (
        code_of(lambda: conversation_start(sender=amina, recipients=people, body="Hi all"))
        == "too_many_people"
    )
    group = conversation_start(sender=amina, recipients=people[:19], body="Hi all", title="Plan")
    assert group.kind == Conversation.Kind.GROUP
    assert group.participants.count() == 20
    assert code_of(lambda: participants_add(by=amina, conversation=group, users=[people[19]])) == (
        "too_many_people"
    )


def test_the_starter_adds_only_people_everyone_may_message(amina, bruno, circle):
    chen = make_member(display_name="Chen Wei")
    dana = make_member(display_name="Dana Ortiz")
    connect(amina, bruno)
    connect(amina, chen)
    connect(amina, dana)
    group = conversation_start(sender=amina, recipients=[bruno, chen], body="Hi", title="Plan")
    # Bruno blocked Dana: she cannot be put in a room with him.
    block_member(blocker=bruno, blocked=dana)
    assert code_of(lambda: participants_add(by=amina, conversation=group, users=[dana])) == (
        "not_found"
    )
    # Only the starter adds people.
    eve = make_member(display_name="Eve Martin")
    connect(bruno, eve)
    assert code_of(lambda: participants_add(by=bruno, conversation=group, users=[eve])) == (
        "not_starter"
    )


def test_in_a_group_blocked_members_no_longer_reach_each_other(amina, bruno):
    chen = make_member(display_name="Chen Wei")
    for a, b in [(amina, bruno), (amina, chen), (bruno, chen)]:
        connect(a, b)
    group = conversation_start(sender=amina, recipients=[bruno, chen], body="Hi", title="Plan")
    block_member(blocker=chen, blocked=bruno)
    group.refresh_from_db()
    assert group.ended_at is None
    before = Notification.objects.filter(recipient=chen).count()
    message_send(sender=bruno, conversation=group, body="Thoughts?")
    # Chen is not told about Bruno's message; Amina is.
    assert Notification.objects.filter(recipient=chen).count() == before
    assert Notification.objects.filter(recipient=amina, kind="messaging.new_message").exists()


def test_the_first_message_emails_at_once_and_later_ones_wait_for_the_digest(connected):
    amina, bruno = connected
    bruno.preferred_language = "es"
    bruno.save()
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Secret plan")
    email = OutboxEmail.objects.get(to=bruno.email)
    assert email.language == "es"
    assert "Amina Diallo" in email.subject
    assert f"/es/messages/{conversation.pk}/" in email.body_text
    # The email never shows an address or the message itself, and says replies are not read.
    assert amina.email not in email.body_text + email.subject
    assert "Secret plan" not in email.body_text
    assert "no se leen" in email.body_text
    message_send(sender=amina, conversation=conversation, body="Second")
    message_send(sender=amina, conversation=conversation, body="Third")
    assert OutboxEmail.objects.filter(to=bruno.email).count() == 1
    later = Notification.objects.filter(recipient=bruno, kind="messaging.new_message")
    # One notification per conversation until he reads it, waiting for the daily digest.
    assert later.count() == 1
    assert later.get().digest == "daily"
    conversation_read(user=bruno, conversation=conversation)
    assert not Notification.objects.filter(recipient=bruno, read_at__isnull=True).exists()
    message_send(sender=amina, conversation=conversation, body="Fourth")
    assert later.count() == 2


def test_sending_counts_as_read_for_the_sender_and_unread_for_the_others(connected):
    from messaging.selectors import unread_conversations

    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hi")
    assert not unread_conversations(amina).exists()
    assert list(unread_conversations(bruno).values_list("conversation", flat=True)) == [
        conversation.pk
    ]
    conversation_read(user=bruno, conversation=conversation)
    assert not unread_conversations(bruno).exists()


def test_an_over_long_message_is_refused_not_cut(connected):
    amina, bruno = connected
    with pytest.raises(TextTooLong):
        conversation_start(sender=amina, recipients=[bruno], body="x" * 4001)
    assert Message.objects.count() == 0
    assert Participant.objects.count() == 0


def test_a_group_never_puts_a_hidden_member_before_strangers_or_blocked_people_together(
    amina, bruno
):
    """The starter may write to each of them, but they must be able to know each other."""
    chen = make_member(display_name="Chen Wei")
    dana = make_member(display_name="Dana Ortiz")
    for person in (bruno, chen, dana):
        connect(amina, person)
    chen.profile.visibility = Visibility.HIDDEN
    chen.profile.save()
    # Bruno is not connected with Chen, who is hidden: he may not learn Chen is here.
    assert (
        code_of(lambda: conversation_start(sender=amina, recipients=[bruno, chen], body="Hi"))
        == "not_found"
    )
    # Dana blocked Bruno: they are not put in one room.
    block_member(blocker=dana, blocked=bruno)
    assert (
        code_of(lambda: conversation_start(sender=amina, recipients=[bruno, dana], body="Hi"))
        == "not_found"
    )
    assert Conversation.objects.count() == 0
    # Connected with Chen, Bruno may be in the group with him.
    connect(bruno, chen)
    group = conversation_start(sender=amina, recipients=[bruno, chen], body="Hi", title="Plan")
    assert group.participants.count() == 3
