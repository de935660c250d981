"""Editing one's message in the 15 minutes after sending it, and deleting it."""

from django.urls import reverse

import pytest

from messaging.models import Attachment, Message
from messaging.services import conversation_start, message_send
from tests.messaging.pages import ago, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(connected):
    amina, bruno = connected
    conversation = conversation_start(
        sender=amina, recipients=[bruno], body="Hello Bruno", now=ago(hours=1)
    )
    message = message_send(
        sender=amina, conversation=conversation, body="Draft of the plan", now=ago(minutes=5)
    )
    return amina, bruno, conversation, message


def page(client, conversation):
    return client.get(reverse("messaging:conversation", args=[conversation.pk])).content.decode()


def test_the_sender_edits_inside_fifteen_minutes_and_edited_is_shown(client, sent):
    amina, bruno, conversation, message = sent
    edit = reverse("messaging:edit", args=[message.pk])
    client.force_login(amina)
    assert f'href="{edit}"' in page(client, conversation)
    assert "Draft of the plan" in client.get(edit).content.decode()
    response = client.post(edit, {"body": "The **final** plan"})
    assert response["Location"].endswith(f"#m{message.pk}")
    client.force_login(bruno)
    html = page(client, conversation)
    assert "The <strong>final</strong> plan" in html
    assert "Draft of the plan" not in html
    assert '<span class="badge">edited</span>' in html
    assert f'href="{edit}"' not in html  # not Bruno's message


def test_after_fifteen_minutes_the_message_cannot_be_changed(client, sent):
    amina, bruno, conversation, message = sent
    Message.objects.filter(pk=message.pk).update(created_at=ago(minutes=16))
    edit = reverse("messaging:edit", args=[message.pk])
    client.force_login(amina)
    assert f'href="{edit}"' not in page(client, conversation)
    assert "A message can be changed only in the 15 minutes" in client.get(edit).content.decode()
    response = client.post(edit, {"body": "Too late to change"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "A message can be changed only in the 15 minutes after it was sent." in html
    assert "Too late to change" in html
    message.refresh_from_db()
    assert message.body == "Draft of the plan" and message.edited_at is None


def test_an_edit_keeps_the_text_when_it_is_too_long_or_empty(client, sent):
    amina, bruno, conversation, message = sent
    edit = reverse("messaging:edit", args=[message.pk])
    client.force_login(amina)
    response = client.post(edit, {"body": "y" * 4001})
    assert "Ensure this value has at most 4000 characters" in response.content.decode()
    assert "y" * 4001 in response.content.decode()
    response = client.post(edit, {"body": ""})
    assert "This field is required." in response.content.decode()
    message.refresh_from_db()
    assert message.body == "Draft of the plan"


def test_nobody_else_can_edit_or_delete_it(client, sent):
    amina, bruno, conversation, message = sent
    client.force_login(bruno)
    for name in ("messaging:edit", "messaging:delete"):
        assert client.get(reverse(name, args=[message.pk])).status_code == 404
        assert client.post(reverse(name, args=[message.pk]), {"body": "Hijack"}).status_code == 404
    message.refresh_from_db()
    assert message.body == "Draft of the plan" and message.deleted_at is None


def test_deleting_asks_first_then_shows_message_deleted(client, sent):
    amina, bruno, conversation, message = sent
    message_send(
        sender=amina,
        conversation=conversation,
        body="With the file",
        files=[pdf()],
        now=ago(minutes=4),
    )
    with_file = Message.objects.get(body="With the file")
    delete = reverse("messaging:delete", args=[with_file.pk])
    client.force_login(amina)
    confirm = client.get(delete).content.decode()
    assert "Delete your message?" in confirm and "With the file" in confirm
    assert Message.objects.get(pk=with_file.pk).deleted_at is None
    response = client.post(delete)
    assert response["Location"].endswith(f"#m{with_file.pk}")
    assert not Attachment.objects.exists()
    client.force_login(bruno)
    html = page(client, conversation)
    assert "Message deleted" in html
    assert "With the file" not in html and "plan.pdf" not in html
    assert "Draft of the plan" in html
    # Deleting again, or editing a deleted message: not found.
    client.force_login(amina)
    assert client.post(delete).status_code == 404
    assert client.get(reverse("messaging:edit", args=[with_file.pk])).status_code == 404


def test_a_removed_message_says_so(client, sent):
    amina, bruno, conversation, message = sent
    Message.objects.filter(pk=message.pk).update(removed_at=ago(minutes=1), body="", html="")
    client.force_login(bruno)
    html = page(client, conversation)
    assert "Removed by a moderator" in html
    assert "Draft of the plan" not in html
