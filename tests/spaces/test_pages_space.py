"""A group's page: what it says, the action panel for each access and viewer, joining,
asking, leaving and answering an invitation through the views."""

import pytest

from community.factories import StaffFactory, make_member
from community.models import Block, Visibility
from community.services import block_member
from home.models import Notification
from spaces.factories import SpaceFactory, add_member
from spaces.models import Access, Kind, Membership, Space

from .conftest import space_with_host

pytestmark = pytest.mark.django_db


def url(space, tail=""):
    return f"/en/groups/{space.slug}/{tail}"


def state(space, user):
    row = Membership.objects.filter(space=space, user=user).first()
    return row.state if row else None


def test_the_page_shows_name_description_badges_hosts_and_count(client, open_space, amina):
    add_member(open_space, amina)
    client.force_login(amina)
    html = client.get(url(open_space)).content.decode()
    assert f"<h1>{open_space.name}</h1>" in html
    assert "Reformers working together." in html
    assert ">Coalition or chapter<" in html and ">Open<" in html
    assert "2 members" in html
    assert "Hana Host" in html


def test_hosts_are_named_only_where_their_profile_is_visible(client, open_space, host, amina):
    host.profile.visibility = Visibility.MEMBERS
    host.profile.save()
    assert "Hana Host" not in client.get(url(open_space)).content.decode()
    client.force_login(amina)
    assert "Hana Host" in client.get(url(open_space)).content.decode()
    block_member(blocker=host, blocked=amina)
    assert Block.objects.exists()
    assert "Hana Host" not in client.get(url(open_space)).content.decode()


# ---------------------------------------------------------------------------
# The action panel: access × viewer
# ---------------------------------------------------------------------------
PANEL = {
    # access: (visitor, signed-in non-member, member, invited, asked)
    Access.OPEN: (
        "Sign in to join",
        "Join this group",
        "Leave this group",
        "Accept the invitation",
        None,
    ),
    Access.REQUEST: (
        "Sign in to join",
        "Ask to join",
        "Leave this group",
        "Accept the invitation",
        "You asked to join",
    ),
    Access.INVITATION: (
        None,
        "its hosts invite members",
        "Leave this group",
        "Accept the invitation",
        None,
    ),
    Access.SECRET: (None, None, "Leave this group", "Accept the invitation", None),
}


@pytest.mark.parametrize("access", list(PANEL))
def test_the_action_panel_for_each_access_and_viewer(client, host, amina, access):
    space = space_with_host(host, access=access, slug=f"g-{access}")
    visitor, stranger, member, invited, asked = PANEL[access]
    response = client.get(url(space))
    if visitor is None:
        # invitation: sign in first; secret: does not exist
        assert response.status_code in (302, 404)
        if access == Access.INVITATION:
            assert "/login/" in response["Location"]
        else:
            assert response.status_code == 404
    else:
        assert visitor in response.content.decode()
    client.force_login(amina)
    response = client.get(url(space))
    if stranger is None:
        assert response.status_code == 404
    else:
        assert stranger in response.content.decode()
    add_member(space, amina, state=Membership.State.INVITED)
    assert invited in client.get(url(space)).content.decode()
    if asked:
        add_member(space, amina, state=Membership.State.REQUESTED)
        assert asked in client.get(url(space)).content.decode()
    add_member(space, amina)
    html = client.get(url(space)).content.decode()
    assert member in html and 'badge badge--success">Member<' in html


def test_group_staff_see_a_secret_group_but_are_not_offered_to_join(client, secret_space):
    staff = StaffFactory()
    client.force_login(staff)
    html = client.get(url(secret_space)).content.decode()
    assert "Join this group" not in html and "Requests and invitations" in html


def test_only_public_groups_are_open_to_search_engines(client, host, amina):
    public = space_with_host(host, access=Access.OPEN, slug="pub")
    invited = space_with_host(host, access=Access.INVITATION, slug="inv")
    assert "X-Robots-Tag" not in client.get(url(public))
    client.force_login(amina)
    assert client.get(url(invited))["X-Robots-Tag"].startswith("noindex")


def test_automatic_spaces_say_where_their_members_come_from(client, amina):
    network = SpaceFactory(kind=Kind.ALUMNI, access=Access.INVITATION, slug="alumni-all")
    add_member(network, amina, via=Membership.Via.ALUMNI)
    client.force_login(amina)
    html = client.get(url(network)).content.decode()
    assert "everyone who completed a cohort" in html
    assert "Join this group" not in html and "Ask to join" not in html


def test_a_cohort_space_names_its_cohort_and_includes_its_sessions(client, site, amina):
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from cohorts.models import Participant

    programme = ProgrammePageFactory(parent=site.root_page, slug="leadership-x")
    cohort = CohortPageFactory(parent=programme, slug="cohort-x", title="Cohort Nairobi 2027")
    Participant.objects.create(cohort=cohort, user=amina)
    space = Space.objects.originals().get(cohort=cohort)
    client.force_login(amina)
    html = client.get(url(space)).content.decode()
    assert "participants of the cohort “Cohort Nairobi 2027”" in html
    assert 'id="sessions-heading"' in html and "Schedule of sessions" in html
    assert "Leave this group" in html and "Join this group" not in html
    assert client.get(url(space))["X-Robots-Tag"].startswith("noindex")


def test_the_page_costs_the_same_queries_with_more_hosts_and_members(
    client, open_space, amina, django_assert_max_num_queries
):
    client.force_login(amina)
    add_member(open_space, amina)
    client.get(url(open_space))
    with django_assert_max_num_queries(40) as small:
        client.get(url(open_space))
    for n in range(12):
        person = make_member(display_name=f"Person {n}")
        add_member(open_space, person, role=Membership.Role.HOST if n % 3 == 0 else "member")
    bound = len(small.captured_queries)
    client.get(url(open_space))  # new profiles start a new generation of the shared chrome
    with django_assert_max_num_queries(bound):
        html = client.get(url(open_space)).content.decode()
    assert "14 members" in html and "Person 9" in html


# ---------------------------------------------------------------------------
# Join, ask, leave, invitations through the views
# ---------------------------------------------------------------------------
def test_join_is_a_post_and_tells_the_member(client, open_space, amina):
    client.force_login(amina)
    assert client.get(url(open_space, "join/"))["Location"] == url(open_space)
    assert state(open_space, amina) is None
    response = client.post(url(open_space, "join/"), {"next": "https://evil.example/"})
    assert response["Location"] == url(open_space)
    response = client.get(url(open_space))
    assert state(open_space, amina) == "active"
    assert f"You joined {open_space.name}." in response.content.decode()


def test_a_visitor_who_joins_is_sent_to_sign_in(client, open_space):
    response = client.post(url(open_space, "join/"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_joining_a_group_on_request_is_refused_with_a_message(client, request_space, amina):
    client.force_login(amina)
    response = client.post(url(request_space, "join/"), follow=True)
    assert "This group cannot be joined directly." in response.content.decode()
    assert state(request_space, amina) is None


def test_ask_to_join_with_a_note_tells_the_hosts(client, request_space, amina, host):
    client.force_login(amina)
    html = client.get(url(request_space, "request/")).content.decode()
    assert 'name="note"' in html and "500 characters" in html
    response = client.post(
        url(request_space, "request/"), {"note": "I lead the OGP team."}, follow=True
    )
    assert "Your request to join has been sent" in response.content.decode()
    row = Membership.objects.get(space=request_space, user=amina)
    assert row.state == "requested" and row.note == "I lead the OGP team."
    assert Notification.objects.filter(recipient=host, kind="spaces.join_request").exists()
    assert "You asked to join" in client.get(url(request_space)).content.decode()


def test_a_note_too_long_keeps_the_text(client, request_space, amina):
    client.force_login(amina)
    text = "x" * 501
    response = client.post(url(request_space, "request/"), {"note": text})
    assert response.status_code == 400
    assert text in response.content.decode()
    assert state(request_space, amina) is None


def test_asking_twice_is_not_offered(client, request_space, amina):
    add_member(request_space, amina, state=Membership.State.REQUESTED)
    client.force_login(amina)
    response = client.post(url(request_space, "request/"), {"note": "again"}, follow=True)
    assert "You cannot ask to join this group." in response.content.decode()


def test_leave_asks_first_then_leaves(client, open_space, amina):
    add_member(open_space, amina)
    client.force_login(amina)
    html = client.get(url(open_space, "leave/")).content.decode()
    assert "Leave this group?" in html and 'method="post"' in html
    assert state(open_space, amina) == "active"
    response = client.post(url(open_space, "leave/"), follow=True)
    assert state(open_space, amina) == "left"
    assert f"You left {open_space.name}." in response.content.decode()


def test_the_last_host_cannot_leave(client, open_space, host):
    client.force_login(host)
    response = client.post(url(open_space, "leave/"), follow=True)
    assert "A group needs at least one host" in response.content.decode()
    assert state(open_space, host) == "active"


def test_leaving_a_secret_group_lands_on_the_list(client, secret_space, amina):
    add_member(secret_space, amina)
    client.force_login(amina)
    response = client.post(url(secret_space, "leave/"))
    assert response["Location"] == "/en/groups/"


def test_accept_or_decline_an_invitation(client, invitation_space, amina, bruno):
    add_member(invitation_space, amina, state=Membership.State.INVITED)
    add_member(invitation_space, bruno, state=Membership.State.INVITED)
    client.force_login(amina)
    response = client.post(url(invitation_space, "invitation/"), {"answer": "accept"}, follow=True)
    assert state(invitation_space, amina) == "active"
    assert "You joined" in response.content.decode()
    client.force_login(bruno)
    response = client.post(url(invitation_space, "invitation/"), {"answer": "decline"}, follow=True)
    assert state(invitation_space, bruno) is None
    assert "You declined the invitation." in response.content.decode()


def test_a_bad_invitation_answer_is_a_message_not_an_error(client, invitation_space, amina):
    client.force_login(amina)
    response = client.post(url(invitation_space, "invitation/"), {"answer": "maybe"}, follow=True)
    assert response.status_code == 200
    assert "Choose whether to accept or decline" in response.content.decode()
    response = client.post(url(invitation_space, "invitation/"), {"answer": "accept"}, follow=True)
    assert "This invitation has already been answered or withdrawn." in response.content.decode()


def test_a_secret_group_is_not_found_by_a_non_member(client, secret_space, amina):
    client.force_login(amina)
    for tail in ("", "join/", "request/", "leave/", "members/", "requests/", "invite/"):
        assert client.get(url(secret_space, tail)).status_code == 404
    assert client.post(url(secret_space, "join/")).status_code == 404
