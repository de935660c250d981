"""A conversation: messages oldest first, paging back, sending without JavaScript, bad
input, groups (people, leaving, adding), starting one, the polling fragment."""

import re

from django.urls import reverse

import pytest

from community.factories import StaffFactory
from community.models import Block
from community.services import block_member
from home.isotime import iso_datetime
from home.models import Notification
from messaging.models import Conversation, Message, Participant
from messaging.services import conversation_start, message_send, participants_add, settings_update
from tests.messaging.pages import ago, connect, fake_pdf, friend_of, member, pdf, png

pytestmark = pytest.mark.django_db


def shown(response):
    """The bodies of the messages on the page, in order."""
    html = response.content.decode()
    return re.findall(r'<div class="message__body"[^>]*><p>(.*?)</p>', html)


def url(conversation):
    return reverse("messaging:conversation", args=[conversation.pk])


@pytest.fixture
def chat(connected):
    amina, bruno = connected
    conversation = conversation_start(
        sender=amina, recipients=[bruno], body="Bonjour **Bruno**", language="fr", now=ago(hours=2)
    )
    message_send(
        sender=bruno,
        conversation=conversation,
        body="¡Hola! https://example.org/plan",
        language="es",
        now=ago(hours=1),
    )
    return amina, bruno, conversation


def test_messages_show_oldest_first_with_sender_time_and_language(client, chat):
    amina, bruno, conversation = chat
    client.force_login(bruno)
    response = client.get(url(conversation))
    html = response.content.decode()
    assert "Conversation with Amina Diallo" in html
    assert shown(response)[0] == "Bonjour <strong>Bruno</strong>"
    assert shown(response)[1].startswith("¡Hola!")
    assert '<div class="message__body" lang="fr">' in html
    assert '<div class="message__body" lang="es">' in html
    assert 'rel="nofollow ugc noopener noreferrer"' in html
    assert html.index("Amina Diallo</strong>") < html.index("Bruno Costa</strong>")
    first = Message.objects.order_by("created_at").first()
    assert f'datetime="{iso_datetime(first.created_at)}"' in html
    # Opening it marks it read.
    assert Participant.objects.get(conversation=conversation, user=bruno).last_read_at is not None


def test_paging_back_in_time(client, chat):
    amina, bruno, conversation = chat
    for n in range(33):
        message_send(
            sender=amina if n % 2 else bruno,
            conversation=conversation,
            body=f"Note {n:02d}",
            now=ago(minutes=60 - n),
        )
    client.force_login(amina)
    latest = client.get(url(conversation))
    bodies = shown(latest)
    assert len(bodies) == 30
    assert bodies[0] == "Note 03" and bodies[-1] == "Note 32"
    earlier = re.search(r'href="\?before=(\d+)#messages">Earlier messages', latest.content.decode())
    assert earlier
    older = client.get(url(conversation), {"before": earlier.group(1)})
    assert shown(older)[0] == "Bonjour <strong>Bruno</strong>"
    assert shown(older)[-1] == "Note 02"
    assert len(shown(older)) == 5
    assert "Earlier messages" not in older.content.decode()
    assert "Latest messages" in older.content.decode()
    # A made-up anchor shows the latest messages, never an error.
    for junk in ("9" * 30, "abc", "-1"):
        assert shown(client.get(url(conversation), {"before": junk}))[-1] == "Note 32"


def test_sending_without_javascript(client, chat):
    amina, bruno, conversation = chat
    client.force_login(amina)
    response = client.post(url(conversation), {"body": "Je vous envoie le *plan*."})
    message = Message.objects.latest("created_at")
    assert response.status_code == 302
    assert response["Location"] == f"{url(conversation)}#m{message.pk}"
    page = client.get(response["Location"])
    assert "Je vous envoie le <em>plan</em>." in shown(page)
    assert f'id="m{message.pk}"' in page.content.decode()
    assert Notification.objects.filter(recipient=bruno, kind="messaging.new_message").exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"body": "   "}, "Write a message, or attach a file."),
        ({"body": "x" * 4001}, "Ensure this value has at most 4000 characters"),
        (
            {"body": "Four files", "files": [png("a.png"), png("b.png"), pdf(), pdf("d.pdf")]},
            "You can attach at most 3 files to a message.",
        ),
        (
            {"body": "Here is the invoice", "files": [fake_pdf()]},
            "invoice.pdf is not a PDF or an image",
        ),
    ],
)
def test_bad_input_says_why_and_keeps_the_text(client, chat, data, error):
    amina, bruno, conversation = chat
    client.force_login(amina)
    before = Message.objects.count()
    response = client.post(url(conversation), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert error in html
    if data["body"].strip():
        assert data["body"][:200] in html
    assert Message.objects.count() == before


def test_a_refusal_from_the_service_is_shown_on_the_form(client, chat):
    amina, bruno, conversation = chat
    settings_update(user=amina)
    from messaging.models import MessagingSettings

    MessagingSettings.objects.filter(user=amina).update(suspended_at=ago(hours=1))
    client.force_login(amina)
    response = client.post(url(conversation), {"body": "Can I still write?"})
    html = response.content.decode()
    assert "A moderator has suspended your messages." in html
    assert "Can I still write?" in html


def test_people_outside_the_conversation_get_404(client, chat):
    amina, bruno, conversation = chat
    for outsider in (member("Carla Mendes"), StaffFactory()):
        client.force_login(outsider)
        assert client.get(url(conversation)).status_code == 404
        response = client.post(url(conversation), {"body": "Let me in"})
        assert response.status_code == 404
    assert not Message.objects.filter(body="Let me in").exists()


def test_an_ended_conversation_can_be_read_not_answered(client, chat):
    amina, bruno, conversation = chat
    block_member(blocker=bruno, blocked=amina)
    client.force_login(amina)
    response = client.get(url(conversation))
    html = response.content.decode()
    assert "This conversation has ended. You can read it, but not reply." in html
    assert 'id="reply"' not in html
    # The blocker no longer has it at all.
    client.force_login(bruno)
    assert client.get(url(conversation)).status_code == 404


@pytest.fixture
def group(amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    conversation = conversation_start(
        sender=amina,
        recipients=[bruno, carla],
        title="Open contracting peers",
        body="Welcome",
        now=ago(hours=3),
    )
    return amina, bruno, carla, conversation


def test_a_group_lists_its_people_and_a_later_member_sees_only_later_messages(client, group):
    amina, bruno, carla, conversation = group
    dan = friend_of(amina, "Dan Okafor")
    connect(dan, bruno)
    connect(dan, carla)
    participants_add(by=amina, conversation=conversation, users=[dan], now=ago(hours=2))
    message_send(sender=bruno, conversation=conversation, body="Welcome Dan", now=ago(hours=1))
    client.force_login(dan)
    response = client.get(url(conversation))
    html = response.content.decode()
    assert "Open contracting peers" in html
    assert "4 people in this conversation" in html
    for name in ("Amina Diallo", "Bruno Costa", "Carla Mendes"):
        assert name in html
    assert shown(response) == ["Welcome Dan"]
    assert "Add people" not in html  # only the starter adds people


def test_a_blocked_members_later_group_messages_are_not_shown(client, group):
    amina, bruno, carla, conversation = group
    message_send(sender=carla, conversation=conversation, body="Before", now=ago(hours=2))
    block_member(blocker=amina, blocked=carla)
    Block.objects.update(created_at=ago(minutes=90))
    message_send(sender=carla, conversation=conversation, body="After", now=ago(hours=1))
    client.force_login(amina)
    assert shown(client.get(url(conversation))) == ["Welcome", "Before"]
    client.force_login(bruno)
    assert shown(client.get(url(conversation))) == ["Welcome", "Before", "After"]


def test_leaving_asks_first_then_the_conversation_leaves_the_inbox(client, group):
    amina, bruno, carla, conversation = group
    client.force_login(bruno)
    leave = reverse("messaging:leave", args=[conversation.pk])
    assert "Leave the conversation?" in client.get(leave).content.decode()
    assert Participant.objects.get(conversation=conversation, user=bruno).left_at is None
    response = client.post(leave)
    assert response.status_code == 302
    assert "Open contracting peers" not in client.get(reverse("messaging:inbox")).content.decode()
    message_send(sender=amina, conversation=conversation, body="After Bruno left")
    page = client.get(url(conversation))
    assert "You have left this conversation." in page.content.decode()
    assert "After Bruno left" not in shown(page)
    assert "2 people in this conversation" in client.get(url(conversation)).content.decode()


def test_the_starter_adds_people_they_may_message(client, group):
    amina, bruno, carla, conversation = group
    dan = friend_of(amina, "Dan Okafor")
    stranger = member("Eve Stranger")
    add = reverse("messaging:add", args=[conversation.pk])
    client.force_login(amina)
    page = client.get(add).content.decode()
    assert "Dan Okafor" in page
    assert "Eve Stranger" not in page and "Bruno Costa" not in page
    # Dan is not connected with Bruno and Carla, and they receive new conversations from
    # connections only: the service refuses, and the form says so.
    for other in (bruno, carla):
        settings_update(user=other, who_may_message="connections")
    response = client.post(add, {"people": [dan.pk]})
    assert response.status_code == 400
    assert "This member could not be found." in response.content.decode()
    assert not Participant.objects.filter(conversation=conversation, user=dan).exists()
    connect(dan, bruno)
    connect(dan, carla)
    response = client.post(add, {"people": [dan.pk]})
    assert response.status_code == 302
    assert "Dan Okafor" in client.get(url(conversation)).content.decode()
    # Someone not offered cannot be posted in.
    response = client.post(add, {"people": [stranger.pk]})
    assert "Select a valid choice" in response.content.decode()
    assert not Participant.objects.filter(conversation=conversation, user=stranger).exists()
    client.force_login(bruno)
    assert client.get(add).status_code == 404


def test_starting_a_conversation_from_a_profile(client, connected):
    amina, bruno = connected
    start = reverse("messaging:start") + f"?to={bruno.profile.pk}"
    client.force_login(amina)
    assert "Write to Bruno Costa" in client.get(start).content.decode()
    response = client.post(start, {"body": "Bonjour Bruno"})
    conversation = Conversation.objects.get()
    assert response["Location"] == url(conversation)
    assert "Bonjour Bruno" in shown(client.get(url(conversation)))


def test_the_start_form_refuses_clearly_and_hides_who_cannot_be_found(client, connected):
    amina, bruno = connected
    client.force_login(amina)
    settings_update(user=bruno, who_may_message="nobody")
    start = reverse("messaging:start") + f"?to={bruno.profile.pk}"
    response = client.get(start)
    assert "This member does not receive new conversations." in response.content.decode()
    assert client.post(start, {"body": "Hello?"}).status_code == 409
    assert not Conversation.objects.exists()
    assert client.get(reverse("messaging:start") + "?to=999999").status_code == 404
    assert client.get(reverse("messaging:start") + "?to=abc").status_code == 404
    carla = friend_of(amina, "Carla Mendes")
    block_member(blocker=carla, blocked=amina)
    assert client.get(reverse("messaging:start") + f"?to={carla.profile.pk}").status_code == 404
    stranger = member("Eve Stranger")
    response = client.get(reverse("messaging:start") + f"?to={stranger.profile.pk}")
    assert (
        "This member receives new conversations only from connections and from people"
        in response.content.decode()
    )


def test_starting_a_group_conversation(client, amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    client.force_login(amina)
    new = reverse("messaging:start_group")
    page = client.get(new).content.decode()
    assert "Bruno Costa" in page and "Carla Mendes" in page
    response = client.post(new, {"title": "Budgets", "people": [], "body": "Hi"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert 'value="Budgets"' in response.content.decode()
    response = client.post(new, {"title": "Budgets", "people": [bruno.pk], "body": "Hi"})
    assert "Choose at least two people for a group conversation." in response.content.decode()
    assert not Conversation.objects.exists()
    response = client.post(
        new, {"title": "Budgets", "people": [bruno.pk, carla.pk], "body": "Hello both"}
    )
    conversation = Conversation.objects.get()
    assert conversation.is_group and conversation.title == "Budgets"
    assert response["Location"] == url(conversation)
    assert set(conversation.participants.values_list("user_id", flat=True)) == {
        amina.pk,
        bruno.pk,
        carla.pk,
    }


def test_the_since_fragment_has_only_newer_visible_messages(client, chat):
    amina, bruno, conversation = chat
    last = Message.objects.latest("created_at")
    message_send(sender=bruno, conversation=conversation, body="A new one", now=ago(minutes=1))
    client.force_login(amina)
    page = client.get(url(conversation)).content.decode()
    assert "data-since-url=" in page and "js/conversation.js" in page
    fragment = client.get(reverse("messaging:since", args=[conversation.pk, last.pk]))
    html = fragment.content.decode()
    assert "A new one" in html
    assert "Bonjour" not in html and "¡Hola!" not in html
    client.force_login(member("Carla Mendes"))
    assert (
        client.get(reverse("messaging:since", args=[conversation.pk, last.pk])).status_code == 404
    )


@pytest.mark.parametrize("size", [10, 100])
def test_a_conversation_page_costs_bounded_queries(
    client, chat, size, django_assert_max_num_queries
):
    amina, bruno, conversation = chat
    Message.objects.bulk_create(
        Message(
            conversation=conversation,
            sender=bruno if n % 2 else amina,
            body=f"Bulk {n}",
            html=f"<p>Bulk {n}</p>",
            created_at=ago(minutes=50 - n / 10),
        )
        for n in range(size)
    )
    client.force_login(amina)
    with django_assert_max_num_queries(15):
        response = client.get(url(conversation))
    assert len(shown(response)) == min(size + 2, 30)


def test_a_post_with_no_fields_says_what_is_missing(client, chat):
    amina, bruno, conversation = chat
    client.force_login(amina)
    response = client.post(reverse("messaging:start") + f"?to={bruno.profile.pk}")
    assert response.status_code == 400
    assert "Write a message, or attach a file." in response.content.decode()
