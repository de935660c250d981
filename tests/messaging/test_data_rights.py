"""Data rights: messages are in the download; deleting an account leaves the member's
messages to the others as "Former member", without their files."""

import json

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from community import services as community_services
from community.factories import PASSWORD, make_member
from messaging.models import (
    Attachment,
    Conversation,
    ExchangeRequest,
    Message,
    MessagingSettings,
    Participant,
)
from messaging.services import (
    conversation_start,
    message_send,
    report_message,
    settings_update,
)

pytestmark = pytest.mark.django_db


def exchange(sender, recipient, topic):
    return ExchangeRequest.objects.create(
        sender=sender,
        recipient=recipient,
        kind=ExchangeRequest.Kind.PEER_EXCHANGE,
        topic=topic,
        hopes="Learn how you did it",
        format=ExchangeRequest.Format.ONE_CALL,
        language="fr",
        created_at=timezone.now(),
    )


@pytest.fixture
def history(connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hello Bruno")
    mine = message_send(sender=amina, conversation=conversation, body="Here is our plan")
    attachment = Attachment.objects.create(
        message=mine,
        file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
        original_name="budget-plan.pdf",
        content_type="application/pdf",
        size=13,
    )
    reply = message_send(sender=bruno, conversation=conversation, body="Bruno's own reply")
    settings_update(user=amina, who_may_message="connections")
    exchange(amina, bruno, "Beneficial ownership registers")
    exchange(bruno, amina, "Open contracting in Brazil")
    return amina, bruno, conversation, mine, attachment, reply


def test_download_contains_the_members_messages(client, site, history):
    amina, bruno, conversation, mine, attachment, reply = history
    client.force_login(amina)
    response = client.get("/en/community/account/data/")
    data = json.loads(response.content)["messages"]
    assert [m["text"] for m in data["messages"]] == ["Hello Bruno", "Here is our plan"]
    assert data["messages"][1]["attachments"] == ["budget-plan.pdf"]
    assert data["messages"][1]["sent_at"] == mine.created_at.isoformat()
    assert [c["id"] for c in data["conversations"]] == [conversation.pk]
    assert data["settings"]["who_may_message"] == "connections"
    assert {(r["direction"], r["topic"]) for r in data["exchange_requests"]} == {
        ("sent", "Beneficial ownership registers"),
        ("received", "Open contracting in Brazil"),
    }
    # The others' messages are theirs, not part of this download.
    assert "Bruno's own reply" not in response.content.decode()


def test_deletion_leaves_the_messages_to_the_others_as_former_member(
    client, site, history, django_capture_on_commit_callbacks
):
    amina, bruno, conversation, mine, attachment, reply = history
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    report = report_message(reporter=amina, message=reply, reason="spam")
    client.force_login(amina)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/community/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302

    mine.refresh_from_db()
    assert mine.sender is None and mine.body == "Here is our plan"
    assert Message.objects.filter(conversation=conversation, sender=None).count() == 2
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
    assert list(
        Participant.objects.filter(conversation=conversation).values_list("user", flat=True)
    ) == [bruno.pk]
    assert not MessagingSettings.objects.filter(user_id=amina.pk).exists()
    assert not ExchangeRequest.objects.exists()
    report.refresh_from_db()
    assert report.reporter is None and report.evidence[0]["body"] == "Bruno's own reply"
    # Nobody can write to a former member.
    conversation.refresh_from_db()
    assert conversation.ended_at is not None
    assert Conversation.objects.count() == 1


def test_deletion_removes_the_members_name_from_reports_about_them(
    site, connected, django_capture_on_commit_callbacks
):
    amina, bruno = connected
    conversation = conversation_start(sender=bruno, recipients=[amina], body="Rude words")
    report = report_message(
        reporter=amina, message=Message.objects.get(conversation=conversation), reason="spam"
    )
    assert report.evidence[0]["sender"] == "Bruno Costa"
    with django_capture_on_commit_callbacks(execute=True):
        community_services.account_delete(user=bruno)
    report.refresh_from_db()
    assert report.reported is None
    assert report.evidence[0]["sender"] == "" and report.evidence[0]["sender_id"] is None
    assert report.evidence[0]["body"] == "Rude words"
    assert "Bruno Costa" not in json.dumps(report.evidence)


def test_a_member_without_messages_downloads_empty_sections(client, site):
    member = make_member(display_name="Quiet Member")
    client.force_login(member)
    data = json.loads(client.get("/en/community/account/data/").content)["messages"]
    assert data == {
        "conversations": [],
        "messages": [],
        "settings": {},
        "exchange_requests": [],
    }
