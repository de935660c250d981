"""Staff screens: the profile viewset, its export, and the logged email reveal."""

from wagtail.models import ModelLogEntry

import pytest

from community.factories import make_member
from home.exports import neutralise

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_profile_list_filters_and_export(staff_client, site):
    make_member(display_name='=HYPERLINK("http://evil")', headline="+cmd", visibility=0)
    response = staff_client.get("/admin/snippets/community/profile/?visibility=0")
    assert response.status_code == 200
    assert "HYPERLINK" in response.content.decode()
    export = staff_client.get("/admin/snippets/community/profile/?export=csv")
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK" in body and "'+cmd" in body
    assert "@example.org" not in body  # no email addresses in the export
    assert "Only me" in body and "Who can see the profile" in body


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM") == "'@SUM"
    assert neutralise("plain") == "plain"
    assert neutralise(3) == 3


def test_email_reveal_is_explicit_and_logged(staff_client, staff, site):
    subject = make_member(display_name="Revealed Person")
    url = f"/admin/community/profiles/{subject.profile.pk}/reveal-email/"
    page = staff_client.get(url).content.decode()
    assert subject.email not in page
    refused = staff_client.post(url, {"reason": ""}).content.decode()
    assert subject.email not in refused
    shown = staff_client.post(url, {"reason": "Speaker invitation"}).content.decode()
    assert subject.email in shown
    entry = ModelLogEntry.objects.get(action="community.reveal_email")
    assert entry.user_id == staff.pk
    assert entry.data["reason"] == "Speaker invitation"


def test_members_cannot_reveal(member_client, site):
    subject = make_member()
    url = f"/admin/community/profiles/{subject.profile.pk}/reveal-email/"
    response = member_client.post(url, {"reason": "curious"})
    assert response.status_code in {302, 403}
    assert subject.email not in response.content.decode()


def test_staff_edit_form_has_no_photo_upload(staff_client, site):
    subject = make_member()
    html = staff_client.get(
        f"/admin/snippets/community/profile/edit/{subject.profile.pk}/"
    ).content.decode()
    assert 'type="file"' not in html
    assert staff_client.get("/admin/snippets/community/profile/add/").status_code in {302, 403}
