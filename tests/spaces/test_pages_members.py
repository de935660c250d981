"""The members page within each person's privacy; hosts manage members; requests and
invitations through the views."""

import pytest

from community.factories import StaffFactory, make_member
from community.models import Connection, Visibility
from community.services import block_member
from home.models import Notification
from spaces.factories import add_member
from spaces.models import Membership

pytestmark = pytest.mark.django_db


def url(space, tail=""):
    return f"/en/groups/{space.slug}/{tail}"


def state(space, user):
    row = Membership.objects.filter(space=space, user=user).first()
    return row.state if row else None


@pytest.fixture
def crowd(open_space, amina, bruno):
    """amina and bruno are members; carla is hidden; dario only shows his organisation
    to connections."""
    add_member(open_space, amina)
    add_member(open_space, bruno)
    carla = make_member(display_name="Carla Hidden", visibility=Visibility.HIDDEN)
    dario = make_member(
        display_name="Dario Quiet",
        headline="Auditor",
        organisation="Court of Audit",
        organisation_visibility=Visibility.CONNECTIONS,
    )
    add_member(open_space, carla)
    add_member(open_space, dario)
    return {"carla": carla, "dario": dario}


def test_the_member_list_is_for_members(client, open_space, amina):
    assert "/login/" in client.get(url(open_space, "members/"))["Location"]
    client.force_login(amina)
    assert client.get(url(open_space, "members/")).status_code == 403


def test_members_listed_within_their_privacy_hosts_first(client, open_space, amina, crowd):
    client.force_login(amina)
    html = client.get(url(open_space, "members/")).content.decode()
    assert "5 members" in html
    assert "Carla Hidden" not in html
    assert "1 member is not listed" in html
    assert html.index("Hana Host") < html.index("Amina Diallo") < html.index("Bruno Costa")
    assert "Dario Quiet" in html and "Auditor" in html
    assert "Court of Audit" not in html  # his organisation is for connections only
    Connection.objects.create(
        **dict(
            zip(
                ("user_low", "user_high"),
                sorted([amina, crowd["dario"]], key=lambda u: u.pk),
                strict=True,
            )
        )
    )
    assert "Court of Audit" in client.get(url(open_space, "members/")).content.decode()


def test_people_blocked_either_way_are_not_listed(client, open_space, amina, bruno, crowd):
    block_member(blocker=bruno, blocked=amina)
    client.force_login(amina)
    assert "Bruno Costa" not in client.get(url(open_space, "members/")).content.decode()
    client.force_login(bruno)
    assert "Amina Diallo" not in client.get(url(open_space, "members/")).content.decode()


def test_members_page_paginates_with_bounded_queries(
    client, open_space, amina, django_assert_max_num_queries
):
    add_member(open_space, amina)
    client.force_login(amina)
    for n in range(3):
        add_member(open_space, make_member(display_name=f"Zed {n:02d}"))
    client.get(url(open_space, "members/"))
    with django_assert_max_num_queries(40) as small:
        client.get(url(open_space, "members/"))
    for n in range(3, 40):
        add_member(open_space, make_member(display_name=f"Zed {n:02d}"))
    bound = len(small.captured_queries)
    # New profiles start a new generation of the shared chrome.
    client.get(url(open_space, "members/"))
    with django_assert_max_num_queries(bound):
        html = client.get(url(open_space, "members/")).content.decode()
    assert "42 members" in html and "Zed 27" in html and "Zed 28" not in html
    assert "page=2" in html


def test_only_hosts_see_the_management_links(client, open_space, host, amina, crowd):
    client.force_login(amina)
    assert "Make host" not in client.get(url(open_space, "members/")).content.decode()
    client.force_login(host)
    html = client.get(url(open_space, "members/")).content.decode()
    assert "Make host" in html and "Remove from the group" in html


def test_a_host_makes_a_host_after_confirming(client, open_space, host, amina):
    add_member(open_space, amina)
    client.force_login(host)
    page = url(open_space, f"members/{amina.pk}/")
    html = client.get(page + "?action=host").content.decode()
    assert "Make Amina Diallo a host?" in html
    assert Membership.objects.get(space=open_space, user=amina).role == "member"
    response = client.post(page, {"action": "host"}, follow=True)
    assert "Amina Diallo is now a host." in response.content.decode()
    assert Membership.objects.get(space=open_space, user=amina).role == "host"
    client.post(page, {"action": "unhost"})
    assert Membership.objects.get(space=open_space, user=amina).role == "member"


def test_a_host_removes_a_member(client, open_space, host, amina):
    add_member(open_space, amina)
    client.force_login(host)
    page = url(open_space, f"members/{amina.pk}/")
    assert (
        "Remove Amina Diallo from the group?"
        in client.get(page + "?action=remove").content.decode()
    )
    response = client.post(page, {"action": "remove"}, follow=True)
    assert "Amina Diallo is no longer a member." in response.content.decode()
    assert state(open_space, amina) is None


def test_a_host_cannot_remove_another_host_but_staff_can(client, open_space, host, amina):
    add_member(open_space, amina, role=Membership.Role.HOST)
    client.force_login(host)
    page = url(open_space, f"members/{amina.pk}/")
    response = client.post(page, {"action": "remove"}, follow=True)
    assert "Only the group&#x27;s hosts can do this." in response.content.decode()
    assert state(open_space, amina) == "active"
    client.force_login(StaffFactory())
    client.post(page, {"action": "remove"})
    assert state(open_space, amina) is None


def test_member_manage_refuses_bad_input(client, open_space, host, amina, bruno):
    add_member(open_space, amina)
    client.force_login(host)
    response = client.post(
        url(open_space, f"members/{amina.pk}/"), {"action": "explode"}, follow=True
    )
    assert "Choose what to do for this member." in response.content.decode()
    assert client.get(url(open_space, f"members/{bruno.pk}/?action=host")).status_code == 404
    assert client.get(url(open_space, "members/999999/?action=host")).status_code == 404
    client.force_login(amina)
    assert (
        client.post(url(open_space, f"members/{host.pk}/"), {"action": "remove"}).status_code == 403
    )


def test_staff_choose_hosts_from_the_members_page(client, open_space, amina):
    add_member(open_space, amina)
    client.force_login(StaffFactory())
    client.post(url(open_space, f"members/{amina.pk}/"), {"action": "host"})
    assert Membership.objects.get(space=open_space, user=amina).role == "host"


# ---------------------------------------------------------------------------
# Requests and invitations
# ---------------------------------------------------------------------------
def test_the_requests_page_is_for_hosts(client, request_space, amina):
    add_member(request_space, amina)
    client.force_login(amina)
    assert client.get(url(request_space, "requests/")).status_code == 403


def test_hosts_approve_and_decline_requests(client, request_space, host, amina, bruno):
    add_member(request_space, amina, state=Membership.State.REQUESTED)
    Membership.objects.filter(user=amina).update(note="I run the OGP point of contact office.")
    add_member(request_space, bruno, state=Membership.State.REQUESTED)
    client.force_login(host)
    html = client.get(url(request_space, "requests/")).content.decode()
    assert "I run the OGP point of contact office." in html and "Bruno Costa" in html
    row = Membership.objects.get(space=request_space, user=amina)
    response = client.post(
        url(request_space, f"requests/{row.pk}/"), {"decision": "approve"}, follow=True
    )
    assert "Amina Diallo is now a member." in response.content.decode()
    assert state(request_space, amina) == "active"
    assert Notification.objects.filter(recipient=amina, kind="spaces.request_answered").exists()
    row = Membership.objects.get(space=request_space, user=bruno)
    response = client.post(
        url(request_space, f"requests/{row.pk}/"), {"decision": "decline"}, follow=True
    )
    assert "You declined Bruno Costa" in response.content.decode()
    assert state(request_space, bruno) is None


def test_answering_twice_or_badly_is_a_message(client, request_space, host, amina, open_space):
    row = add_member(request_space, amina, state=Membership.State.REQUESTED)
    client.force_login(host)
    page = url(request_space, f"requests/{row.pk}/")
    response = client.post(page, {"decision": "perhaps"}, follow=True)
    assert "Choose whether to approve or decline the request." in response.content.decode()
    client.post(page, {"decision": "approve"})
    response = client.post(page, {"decision": "approve"}, follow=True)
    assert "This request has already been answered or withdrawn." in response.content.decode()
    # a request of another group is not found here
    other = add_member(open_space, make_member(), state=Membership.State.REQUESTED)
    assert (
        client.post(
            url(request_space, f"requests/{other.pk}/"), {"decision": "approve"}
        ).status_code
        == 404
    )


def test_invite_searches_visible_members_who_are_not_in(
    client, invitation_space, host, amina, bruno
):
    add_member(invitation_space, bruno)
    make_member(display_name="Amira Hidden", visibility=Visibility.HIDDEN)
    client.force_login(host)
    html = client.get(url(invitation_space, "invite/?q=am")).content.decode()
    assert "Amina Diallo" in html and "Amira Hidden" not in html
    html = client.get(url(invitation_space, "invite/?q=bruno")).content.decode()
    assert "No member you can invite matches this name." in html


def test_invite_sends_the_invitation_with_a_note(client, invitation_space, host, amina):
    client.force_login(host)
    response = client.post(
        url(invitation_space, "invite/"), {"member": amina.pk, "note": "Join us!"}, follow=True
    )
    assert "Amina Diallo is invited." in response.content.decode()
    row = Membership.objects.get(space=invitation_space, user=amina)
    assert row.state == "invited" and row.note == "Join us!"
    assert Notification.objects.filter(recipient=amina, kind="spaces.invited").exists()
    html = client.get(url(invitation_space, "requests/")).content.decode()
    assert "Pending invitations" in html and "Amina Diallo" in html
    client.force_login(amina)
    html = client.get(url(invitation_space)).content.decode()
    assert "Join us!" in html and "Accept the invitation" in html


def test_invite_refuses_someone_hidden_blocked_or_bogus_and_keeps_the_note(
    client, invitation_space, host, amina
):
    hidden = make_member(display_name="Hidden", visibility=Visibility.HIDDEN)
    block_member(blocker=amina, blocked=host)
    client.force_login(host)
    for member in (hidden.pk, amina.pk, "abc", ""):
        response = client.post(
            url(invitation_space, "invite/"), {"member": member, "note": "A note kept"}
        )
        assert response.status_code == 400
        assert "A note kept" in response.content.decode()
    assert not Membership.objects.filter(space=invitation_space, state="invited").exists()
