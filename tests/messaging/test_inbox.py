"""The inbox: newest activity first, unread counts, paging, search, bounded queries."""

from django.urls import reverse

import pytest

from community.models import Block
from community.services import account_delete, block_member
from home.models import Notification
from messaging.models import Message
from messaging.services import (
    conversation_hide,
    conversation_read,
    conversation_start,
    message_send,
)
from tests.messaging.pages import ago, connect, friend_of

pytestmark = pytest.mark.django_db


def titles(response):
    """The conversation names in the order the inbox lists them."""
    import re

    html = response.content.decode()
    return re.findall(r'<h2><a href="/en/messages/\d+/">([^<]+)</a>', html)


def test_inbox_lists_newest_activity_first_with_unread_counts(client, connected):
    amina, bruno = connected
    carla = friend_of(amina, "Carla Mendes")
    with_bruno = conversation_start(
        sender=bruno, recipients=[amina], body="First from Bruno", now=ago(hours=3)
    )
    message_send(sender=bruno, conversation=with_bruno, body="Second from Bruno", now=ago(hours=2))
    conversation_start(sender=carla, recipients=[amina], body="Hola Amina", now=ago(hours=1))
    client.force_login(amina)

    response = client.get(reverse("messaging:inbox"))

    assert titles(response) == ["Carla Mendes", "Bruno Costa"]
    html = response.content.decode()
    assert "Hola Amina" in html
    assert "Second from Bruno" in html and "First from Bruno" not in html
    assert html.count("1 unread") == 1 and html.count("2 unread") == 1

    # Amina answers Bruno: his conversation comes first, and nothing is unread there.
    message_send(sender=amina, conversation=with_bruno, body="Merci Bruno", now=ago(minutes=5))
    response = client.get(reverse("messaging:inbox"))
    assert titles(response) == ["Bruno Costa", "Carla Mendes"]
    assert "2 unread" not in response.content.decode()
    assert "1 unread" in response.content.decode()


def test_reading_a_conversation_clears_its_count(client, connected):
    amina, bruno = connected
    conversation = conversation_start(
        sender=bruno, recipients=[amina], body="Olá", now=ago(hours=1)
    )
    client.force_login(amina)
    assert "1 unread" in client.get(reverse("messaging:inbox")).content.decode()
    client.get(reverse("messaging:conversation", args=[conversation.pk]))
    assert "unread" not in client.get(reverse("messaging:inbox")).content.decode()


def test_unread_counts_leave_out_own_and_blocked_group_messages(client, amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    group = conversation_start(
        sender=amina,
        recipients=[bruno, carla],
        title="Open contracting",
        body="Hi both",
        now=ago(hours=3),
    )
    conversation_read(user=amina, conversation=group, now=ago(hours=3))
    block_member(blocker=amina, blocked=carla)
    Block.objects.update(created_at=ago(hours=2))
    message_send(sender=carla, conversation=group, body="Carla after the block", now=ago(hours=1))
    message_send(sender=bruno, conversation=group, body="Bruno writes", now=ago(minutes=30))
    client.force_login(amina)
    html = client.get(reverse("messaging:inbox")).content.decode()
    assert "Open contracting" in html
    assert "1 unread" in html
    assert "Carla after the block" not in html


def test_an_empty_inbox_says_what_to_do(client, amina):
    client.force_login(amina)
    html = client.get(reverse("messaging:inbox")).content.decode()
    assert "Message a connection from their profile" in html


def test_a_deleted_account_shows_as_former_member(client, connected):
    amina, bruno = connected
    conversation_start(sender=bruno, recipients=[amina], body="Before I go", now=ago(hours=1))
    account_delete(user=bruno)
    client.force_login(amina)
    response = client.get(reverse("messaging:inbox"))
    assert titles(response) == ["Former member"]


def test_anonymous_visitors_are_asked_to_sign_in(client):
    response = client.get(reverse("messaging:inbox"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_inbox_pages_by_twenty(client, amina):
    for n in range(23):
        peer = friend_of(amina, f"Peer {n:02d}")
        conversation_start(sender=peer, recipients=[amina], body=f"Note {n}", now=ago(hours=30 - n))
    client.force_login(amina)
    first = client.get(reverse("messaging:inbox"))
    assert len(titles(first)) == 20
    assert titles(first)[0] == "Peer 22"
    assert 'aria-current="page">1<' in first.content.decode()
    second = client.get(reverse("messaging:inbox"), {"page": 2})
    assert titles(second) == ["Peer 02", "Peer 01", "Peer 00"]


def test_search_finds_only_the_members_own_visible_messages(client, amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    dan = friend_of(bruno, "Dan Okafor")
    direct = conversation_start(
        sender=bruno, recipients=[amina], body="Our beneficial ownership register", now=ago(hours=5)
    )
    conversation_start(
        sender=bruno, recipients=[dan], body="A secret beneficial ownership draft", now=ago(hours=5)
    )
    group = conversation_start(
        sender=amina,
        recipients=[bruno, carla],
        title="Registers",
        body="Beneficial ownership in Senegal",
        now=ago(hours=4),
    )
    message_send(
        sender=carla, conversation=group, body="Beneficial ownership before", now=ago(hours=3)
    )
    block_member(blocker=carla, blocked=amina)
    Block.objects.update(created_at=ago(hours=2))
    message_send(
        sender=carla, conversation=group, body="Beneficial ownership after", now=ago(hours=1)
    )
    client.force_login(amina)

    response = client.get(reverse("messaging:inbox"), {"q": "beneficial OWNERSHIP"})

    html = response.content.decode()
    assert "3 messages found" in html
    assert "Beneficial ownership before" in html
    assert "Beneficial ownership in Senegal" in html
    assert "Our beneficial ownership register" in html
    assert "secret" not in html
    assert "Beneficial ownership after" not in html
    assert f'href="/en/messages/{direct.pk}/#m' in html
    # Bruno's later view of the same group still has Carla's message.
    client.force_login(bruno)
    html = client.get(reverse("messaging:inbox"), {"q": "after"}).content.decode()
    assert "Beneficial ownership after" in html
    assert Message.objects.filter(body__icontains="beneficial").count() == 5


def test_search_says_when_nothing_matches(client, connected):
    amina, bruno = connected
    conversation_start(sender=bruno, recipients=[amina], body="Budgets", now=ago(hours=1))
    client.force_login(amina)
    html = client.get(reverse("messaging:inbox"), {"q": "procurement"}).content.decode()
    assert "0 messages found" in html
    assert "No message of yours matches" in html
    assert 'value="procurement"' in html


def _inbox_of(amina, size):
    for n in range(size):
        peer = friend_of(amina, f"Peer {n}")
        conversation = conversation_start(
            sender=peer, recipients=[amina], body=f"Hello {n}", now=ago(hours=40 - n)
        )
        message_send(sender=peer, conversation=conversation, body="Again", now=ago(hours=39 - n))


@pytest.mark.parametrize("size", [3, 30])
def test_inbox_queries_are_bounded(client, amina, size, django_assert_max_num_queries):
    _inbox_of(amina, size)
    client.force_login(amina)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("messaging:inbox"))
    assert len(titles(response)) == min(size, 20)
    assert "2 unread" in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_search_queries_are_bounded(client, amina, size, django_assert_max_num_queries):
    _inbox_of(amina, size)
    client.force_login(amina)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("messaging:inbox"), {"q": "again"})
    assert f"{size} messages found" in response.content.decode()


def test_search_also_finds_conversations_by_name_or_title(client, amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    conversation_start(sender=bruno, recipients=[amina], body="Hi", now=ago(hours=3))
    conversation_start(
        sender=amina,
        recipients=[bruno, carla],
        title="Budget transparency",
        body="Welcome",
        now=ago(hours=2),
    )
    client.force_login(amina)
    html = client.get(reverse("messaging:inbox"), {"q": "carla"}).content.decode()
    assert "Budget transparency" in html and "(Bruno Costa, Carla Mendes)" in html
    html = client.get(reverse("messaging:inbox"), {"q": "transparency"}).content.decode()
    assert "Budget transparency" in html
    assert ">Bruno Costa</a>" not in html


def test_a_new_message_brings_back_a_hidden_direct_conversation(client, connected):
    amina, bruno = connected
    conversation = conversation_start(sender=bruno, recipients=[amina], body="Hi", now=ago(hours=3))
    conversation_hide(user=amina, conversation=conversation, now=ago(hours=2))
    client.force_login(amina)
    assert titles(client.get(reverse("messaging:inbox"))) == []
    message_send(sender=bruno, conversation=conversation, body="Are you there?", now=ago(hours=1))
    response = client.get(reverse("messaging:inbox"))
    assert titles(response) == ["Bruno Costa"]
    assert "Are you there?" in response.content.decode()
    assert Notification.objects.filter(recipient=amina, kind="messaging.new_message").exists()


def test_a_hidden_group_conversation_stays_hidden(client, amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    group = conversation_start(
        sender=bruno, recipients=[amina, carla], title="Muted", body="Hi", now=ago(hours=3)
    )
    conversation_hide(user=amina, conversation=group, now=ago(hours=2))
    message_send(sender=carla, conversation=group, body="Still here", now=ago(hours=1))
    client.force_login(amina)
    assert titles(client.get(reverse("messaging:inbox"))) == []


def test_search_and_inbox_show_the_words_without_the_formatting_marks(client, connected):
    amina, bruno = connected
    conversation_start(
        sender=bruno, recipients=[amina], body="The **register** & [map](https://example.org)"
    )
    client.force_login(amina)
    for params in ({"q": "register"}, {}):
        html = client.get(reverse("messaging:inbox"), params).content.decode()
        assert "The register &amp; map" in html
        assert "**" not in html
