"""Data rights: download everything as JSON; delete the account for good."""

import json

from django.core.files.base import ContentFile

import pytest

from community import services
from community.factories import PASSWORD, UserFactory
from community.models import Block, Connection, ConnectionRequest, Profile, User
from community.signals import collect_member_data, member_deleting

pytestmark = pytest.mark.django_db


@pytest.fixture
def receivers():
    calls = []

    def collect(sender, user, **kwargs):
        return ("events", [{"event": "Global Summit", "email": user.email}])

    def anonymise(sender, user, **kwargs):
        calls.append(user.pk)

    collect_member_data.connect(collect, dispatch_uid="test-collect")
    member_deleting.connect(anonymise, dispatch_uid="test-anonymise")
    yield calls
    collect_member_data.disconnect(dispatch_uid="test-collect")
    member_deleting.disconnect(dispatch_uid="test-anonymise")


def test_download_gathers_everything(member_client, member, other_member, site, receivers):
    services.connection_request(sender=member, recipient=other_member, note="Hello")
    blocker = UserFactory()
    Block.objects.create(blocker=blocker, blocked=member)  # never revealed
    response = member_client.get("/en/community/account/data/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["profile"]["display_name"] == member.profile.display_name
    assert data["connection_requests"][0]["note"] == "Hello"
    assert data["events"] == [{"event": "Global Summit", "email": member.email}]
    assert blocker.get_full_name() not in response.content.decode()


def test_account_page_links_to_download_and_delete(member_client, site):
    html = member_client.get("/en/community/account/").content.decode()
    assert "/en/community/account/data/" in html
    assert "/en/community/account/delete/" in html


def test_delete_needs_the_password(member_client, member, site):
    response = member_client.post("/en/community/account/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "This password is not correct." in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_delete_removes_profile_photo_connections_and_requests(
    member_client, member, other_member, site, receivers, django_capture_on_commit_callbacks
):
    profile = member.profile
    profile.photo.save("profile-photos/x.jpg", ContentFile(b"jpeg"), save=True)
    storage, photo_name = profile.photo.storage, profile.photo.name
    services.connection_request(sender=member, recipient=other_member)
    services.connection_request(sender=other_member, recipient=member)
    third = UserFactory()
    services.connection_request(sender=third, recipient=member)
    Block.objects.create(blocker=member, blocked=UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post("/en/community/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert receivers == [member.pk]
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not Connection.objects.exists()
    assert not ConnectionRequest.objects.filter(sender=third).exists()
    assert not Block.objects.exists()
    assert not storage.exists(photo_name)
    # signed out
    assert member_client.get("/en/community/network/").status_code == 302


def test_deletion_anonymises_staff_audit_entries(member, site):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    profile = member.profile
    profile.display_name = "Very Identifiable Name"
    profile.save()
    log(profile, "community.reveal_email", data={"reason": "test"})
    services.account_delete(user=member)
    entry = ModelLogEntry.objects.get(action="community.reveal_email")
    assert "Identifiable" not in entry.label
