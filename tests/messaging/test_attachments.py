"""Attachments: only participants who can see the message download them; 404 for
everyone else (staff, outsiders, visitors, and people who joined or left around it)."""

import re

from django.urls import reverse

import pytest

from community.factories import StaffFactory
from messaging.models import Attachment
from messaging.services import (
    conversation_leave,
    conversation_start,
    message_send,
    participants_add,
)
from tests.messaging.pages import ago, connect, friend_of, member, pdf, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(amina):
    bruno, carla = friend_of(amina, "Bruno Costa"), friend_of(amina, "Carla Mendes")
    connect(bruno, carla)
    group = conversation_start(
        sender=amina,
        recipients=[bruno, carla],
        title="Plans",
        body="The plan",
        files=[pdf("action-plan.pdf")],
        now=ago(hours=2),
    )
    return amina, bruno, carla, group, Attachment.objects.get()


def download(client, attachment):
    return client.get(reverse("messaging:attachment", args=[attachment.pk]))


def test_participants_download_the_file(client, shared):
    amina, bruno, carla, group, attachment = shared
    client.force_login(bruno)
    page = client.get(reverse("messaging:conversation", args=[group.pk])).content.decode()
    link = reverse("messaging:attachment", args=[attachment.pk])
    assert f'<a href="{link}">action-plan.pdf</a>' in page
    response = download(client, attachment)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'attachment; filename="action-plan.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_everyone_else_gets_404(client, shared):
    amina, bruno, carla, group, attachment = shared
    assert download(client, attachment).status_code == 302  # visitors sign in first
    for outsider in (member("Eve Stranger"), StaffFactory()):
        client.force_login(outsider)
        assert download(client, attachment).status_code == 404
    client.force_login(amina)
    missing = client.get(reverse("messaging:attachment", args=[attachment.pk + 100]))
    assert missing.status_code == 404


def test_someone_added_later_does_not_get_earlier_files(client, shared):
    amina, bruno, carla, group, attachment = shared
    dan = friend_of(amina, "Dan Okafor")
    connect(dan, bruno)
    connect(dan, carla)
    participants_add(by=amina, conversation=group, users=[dan], now=ago(hours=1))
    message_send(
        sender=bruno, conversation=group, body="A chart", files=[png()], now=ago(minutes=5)
    )
    later = Attachment.objects.get(original_name="chart.png")
    client.force_login(dan)
    assert download(client, attachment).status_code == 404
    assert download(client, later).status_code == 200


def test_who_left_keeps_what_they_saw_and_nothing_after(client, shared):
    amina, bruno, carla, group, attachment = shared
    conversation_leave(user=carla, conversation=group, now=ago(hours=1))
    message_send(
        sender=bruno, conversation=group, body="A chart", files=[png()], now=ago(minutes=5)
    )
    later = Attachment.objects.get(original_name="chart.png")
    client.force_login(carla)
    assert download(client, attachment).status_code == 200
    assert download(client, later).status_code == 404


def test_sending_files_without_javascript(client, connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hi", now=ago(hours=1))
    client.force_login(bruno)
    url = reverse("messaging:conversation", args=[conversation.pk])
    response = client.post(url, {"body": "", "files": [png("map.png"), pdf("notes.pdf")]})
    assert response.status_code == 302
    names = set(Attachment.objects.values_list("original_name", flat=True))
    assert names == {"map.png", "notes.pdf"}
    html = client.get(url).content.decode()
    assert "map.png" in html and "notes.pdf" in html
    client.force_login(amina)
    pdf_file = Attachment.objects.get(original_name="notes.pdf")
    assert download(client, pdf_file)["Content-Type"] == "application/pdf"


def test_files_are_kept_when_the_message_comes_back_with_an_error(client, connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hi", now=ago(hours=1))
    client.force_login(bruno)
    url = reverse("messaging:conversation", args=[conversation.pk])
    response = client.post(url, {"body": "z" * 4001, "files": [png("map.png")]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kept from your last try" in html and "map.png" in html
    token = re.search(r'name="files__pending" value="([^"]+)"', html).group(1)
    response = client.post(url, {"body": "Shorter now", "files__pending": [token]})
    assert response.status_code == 302
    assert Attachment.objects.get().original_name == "map.png"
    assert Attachment.objects.get().message.body == "Shorter now"
