"""The network and profile pages cost the same number of queries whatever the member's
network holds (no lookup per card), and what a request remembers is forgotten on a write."""

from django.urls import reverse

import pytest

from community import selectors, services
from community.factories import UserFactory, make_member
from community.models import ConnectionRequest, Profile
from home.request_memo import _MEMO

pytestmark = pytest.mark.django_db

#: The network page: chrome, the connections with their themes and Message buttons, the
#: requests both ways, the suggestions (see community/views.py network()).
NETWORK = 11
#: Another member's profile page (not a connection): their profile, the connect, block,
#: Message and exchange buttons, the apps' badges and sections.
PROFILE = 15


def connect(member, n, *, tag):
    for index in range(n):
        friend = make_member(display_name=f"Friend {tag}{index}", country="KE")
        _, request = services.connection_request(sender=member, recipient=friend)
        services.connection_accept(request_id=request.pk, user=friend)
    for index in range(n):
        asker = make_member(display_name=f"Asker {tag}{index}")
        services.connection_request(sender=asker, recipient=member)
        services.connection_request(sender=member, recipient=UserFactory())
    for index in range(n):
        make_member(display_name=f"Stranger {tag}{index}", country="KE")


def test_the_network_page_costs_the_same_with_two_or_ten_of_everything(
    site, client, member, django_assert_num_queries
):
    client.force_login(member)
    url = reverse("community:network")
    connect(member, 2, tag="a")
    client.get(url)  # warm the per-process caches; marks the new requests seen
    with django_assert_num_queries(NETWORK):
        html = client.get(url).content.decode()
    assert "Friend a1" in html and "Asker a1" in html
    connect(member, 8, tag="b")
    client.get(url)
    with django_assert_num_queries(NETWORK):
        html = client.get(url).content.decode()
    assert "Friend b7" in html and "Asker b7" in html


def test_opening_the_network_marks_a_new_request_seen_once(site, client, member):
    client.force_login(member)
    asker = make_member(display_name="New asker")
    services.connection_request(sender=asker, recipient=member)
    assert "1 new" in client.get(reverse("community:network")).content.decode()
    request = ConnectionRequest.objects.get(sender=asker, recipient=member)
    assert request.seen_at is not None
    seen = request.seen_at
    assert "1 new" not in client.get(reverse("community:network")).content.decode()
    request.refresh_from_db()
    assert request.seen_at == seen


def test_another_members_profile_costs_the_same_whatever_their_network(
    site, client, member, django_assert_num_queries
):
    peer = make_member(display_name="Peer", open_to=["mentoring"], country="KE")
    client.force_login(member)
    url = reverse("community:profile", args=[peer.profile.pk])
    connect(member, 2, tag="a")
    client.get(url)
    with django_assert_num_queries(PROFILE):
        assert "Peer" in client.get(url).content.decode()
    connect(member, 8, tag="b")
    connect(peer, 8, tag="c")
    client.get(url)  # new profiles start a new generation of the shared chrome
    with django_assert_num_queries(PROFILE):
        assert "Peer" in client.get(url).content.decode()


def test_a_connection_or_block_made_in_the_request_is_seen_by_the_rest_of_it(site, member):
    """The request memo of connections and blocks is dropped when one is saved or deleted."""
    other = UserFactory()
    token = _MEMO.set({})  # as RequestMemoMiddleware does for a request
    try:
        assert selectors.connection_ids(member) == set()
        assert selectors.relation(member, Profile.objects.get(user=other)) == "member"
        _, request = services.connection_request(sender=member, recipient=other)
        services.connection_accept(request_id=request.pk, user=other)
        assert selectors.connection_ids(member) == {other.pk}
        assert selectors.blocked_either_way(other) == set()
        services.block_member(blocker=other, blocked=member)
        assert selectors.blocked_either_way(other) == {member.pk}
        assert selectors.blocked_either_way(member) == {other.pk}
        assert selectors.connection_ids(member) == set()  # blocking ended the connection
        services.unblock_member(blocker=other, blocked_id=member.pk)
        assert selectors.blocked_either_way(member) == set()
    finally:
        _MEMO.reset(token)


def test_messaging_settings_saved_in_the_request_are_seen_by_the_rest_of_it(site, member):
    from django.utils import timezone

    from messaging import permissions
    from messaging.models import MessagingSettings

    token = _MEMO.set({})
    try:
        assert not permissions.is_suspended(member)
        MessagingSettings.objects.create(user=member, suspended_at=timezone.now())
        assert permissions.is_suspended(member)
    finally:
        _MEMO.reset(token)
