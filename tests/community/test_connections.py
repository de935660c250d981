"""The connection state machine: request, accept, decline, withdraw, remove, block."""

import threading
from datetime import timedelta

from django.db import connection as db_connection
from django.utils import timezone

import pytest

from community import services
from community.factories import UserFactory, make_member
from community.models import Block, Connection, ConnectionRequest, Visibility
from community.services import CommunityError
from home.models import NotificationPreference, OutboxEmail

pytestmark = pytest.mark.django_db
Status = ConnectionRequest.Status


@pytest.fixture
def site(fresh_site):
    """Some tests here commit for real: the site is seeded for each test."""
    return fresh_site


def connected(a, b) -> bool:
    low, high = Connection.ordered(a.pk, b.pk)
    return Connection.objects.filter(user_low_id=low, user_high_id=high).exists()


def sent():
    """The outbox rows (written in the service's transaction; delivery is after commit)."""
    return list(OutboxEmail.objects.order_by("pk"))


def test_request_then_accept_connects_and_emails_both_ways(member, other_member):
    outcome, request = services.connection_request(
        sender=member, recipient=other_member, note="Hello from Dakar"
    )
    assert outcome == "requested" and request.status == Status.PENDING
    assert [m.to for m in sent()] == [other_member.email]
    assert "Hello from Dakar" in sent()[0].body_text
    services.connection_accept(request_id=request.pk, user=other_member)
    assert connected(member, other_member)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert sent()[-1].to == member.email


def test_emails_in_the_recipients_language_and_opt_out(member):
    french = UserFactory(preferred_language="fr")
    services.connection_request(sender=member, recipient=french)
    assert sent()[-1].language == "fr"
    assert "souhaite" in sent()[-1].subject
    quiet = UserFactory()
    NotificationPreference.objects.create(
        user=quiet, kind="community.connection_request", delivery="site"
    )
    before = len(sent())
    services.connection_request(sender=member, recipient=quiet)
    assert len(sent()) == before


def test_only_the_recipient_accepts_or_declines(member, other_member):
    _, request = services.connection_request(sender=member, recipient=other_member)
    with pytest.raises(CommunityError):
        services.connection_accept(request_id=request.pk, user=member)
    with pytest.raises(CommunityError):
        services.connection_withdraw(request_id=request.pk, user=other_member)
    services.connection_decline(request_id=request.pk, user=other_member)
    assert not connected(member, other_member)
    with pytest.raises(CommunityError):  # answered already
        services.connection_accept(request_id=request.pk, user=other_member)


def test_withdraw_then_request_again(member, other_member):
    _, request = services.connection_request(sender=member, recipient=other_member)
    services.connection_withdraw(request_id=request.pk, user=member)
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    outcome, _ = services.connection_request(sender=member, recipient=other_member)
    assert outcome == "requested"


def test_decline_then_too_soon_to_ask_again(member, other_member):
    now = timezone.now()
    _, request = services.connection_request(sender=member, recipient=other_member, now=now)
    services.connection_decline(request_id=request.pk, user=other_member, now=now)
    with pytest.raises(CommunityError):
        services.connection_request(sender=member, recipient=other_member, now=now)
    later = now + timedelta(days=31)
    outcome, _ = services.connection_request(sender=member, recipient=other_member, now=later)
    assert outcome == "requested"


def test_one_pending_request_per_pair(member, other_member):
    services.connection_request(sender=member, recipient=other_member)
    with pytest.raises(CommunityError):
        services.connection_request(sender=member, recipient=other_member)
    assert ConnectionRequest.objects.filter(status=Status.PENDING).count() == 1


def test_the_database_refuses_a_second_pending_request(member, other_member):
    from django.db import IntegrityError, transaction

    now = timezone.now()
    ConnectionRequest.objects.create(sender=member, recipient=other_member, created_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConnectionRequest.objects.create(sender=other_member, recipient=member, created_at=now)


def test_requesting_someone_who_asked_you_connects_you(member, other_member):
    services.connection_request(sender=member, recipient=other_member)
    outcome, connection = services.connection_request(sender=other_member, recipient=member)
    assert outcome == "connected"
    assert connected(member, other_member)
    assert not ConnectionRequest.objects.filter(status=Status.PENDING).exists()


def test_cannot_request_self_connected_or_invisible(member, other_member):
    with pytest.raises(CommunityError):
        services.connection_request(sender=member, recipient=member)
    hidden = make_member(visibility=Visibility.HIDDEN)
    with pytest.raises(CommunityError):
        services.connection_request(sender=member, recipient=hidden)
    connections_only = make_member(visibility=Visibility.CONNECTIONS)
    with pytest.raises(CommunityError):
        services.connection_request(sender=member, recipient=connections_only)
    services.connection_request(sender=member, recipient=other_member)
    services.connection_request(sender=other_member, recipient=member)
    with pytest.raises(CommunityError):
        services.connection_request(sender=member, recipient=other_member)


def test_remove_by_either_side(member, other_member):
    services.connection_request(sender=member, recipient=other_member)
    services.connection_request(sender=other_member, recipient=member)
    assert services.connection_remove(user=other_member, other=member)
    assert not connected(member, other_member)
    assert not services.connection_remove(user=member, other=other_member)


def test_daily_limit(member):
    now = timezone.now()
    for _ in range(services.REQUESTS_PER_DAY):
        services.connection_request(sender=member, recipient=UserFactory(), now=now)
    with pytest.raises(CommunityError) as excinfo:
        services.connection_request(sender=member, recipient=UserFactory(), now=now)
    assert "24 hours" in excinfo.value.message
    tomorrow = now + timedelta(hours=25)
    services.connection_request(sender=member, recipient=UserFactory(), now=tomorrow)


def test_block_ends_everything_silently(member, other_member):
    services.connection_request(sender=member, recipient=other_member)
    services.connection_request(sender=other_member, recipient=member)
    third = UserFactory()
    _, pending = services.connection_request(sender=other_member, recipient=third)
    services.block_member(blocker=member, blocked=other_member)
    assert not connected(member, other_member)
    emails = len(sent())
    with pytest.raises(CommunityError) as excinfo:
        services.connection_request(sender=other_member, recipient=member)
    assert excinfo.value.code == "not_found"  # not "you are blocked"
    assert len(sent()) == emails
    # requests between them are closed; the blocked member's other requests are untouched
    pending.refresh_from_db()
    assert pending.status == Status.PENDING
    assert services.unblock_member(blocker=member, blocked_id=other_member.pk)
    assert not Block.objects.exists()


def test_block_closes_pending_requests(member, other_member):
    _, request = services.connection_request(sender=other_member, recipient=member)
    services.block_member(blocker=member, blocked=other_member)
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN


def test_network_page_counts_badge_and_marks_seen(client, site, member, other_member):
    _, request = services.connection_request(sender=other_member, recipient=member)
    client.force_login(member)
    home = client.get("/en/").content.decode()
    assert 'class="count">1<' in home
    page = client.get("/en/community/network/").content.decode()
    assert "1 request for you" in page
    assert other_member.profile.display_name in page
    home = client.get("/en/").content.decode()
    assert 'class="count">' not in home


def test_views_connect_accept_flow(client, site, member, other_member):
    client.force_login(member)
    response = client.post(
        "/en/community/network/connect/",
        {"profile": other_member.profile.pk, "note": "Hi"},
        follow=True,
    )
    assert "Request sent" in response.content.decode()
    request = ConnectionRequest.objects.get()
    client.force_login(other_member)
    response = client.post(f"/en/community/network/requests/{request.pk}/accept/", follow=True)
    assert "Request accepted" in response.content.decode()
    assert connected(member, other_member)
    # nonsense ids: a message, not a 500
    response = client.post("/en/community/network/requests/999999/accept/", follow=True)
    assert response.status_code == 200
    assert client.post("/en/community/network/connect/", {"profile": "abc"}).status_code == 404
    assert client.post("/en/community/network/remove/", {"user": "x"}).status_code == 404


@pytest.mark.postgres
@pytest.mark.skipif(db_connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_members_requesting_each_other_at_the_same_moment():

    a, b = UserFactory(), UserFactory()
    for _round in range(5):
        Connection.objects.all().delete()
        ConnectionRequest.objects.all().delete()
        results, errors = race([(a, b), (b, a)])
        assert not errors
        assert Connection.objects.count() == 1
        assert sorted(outcome for outcome, _ in results) == ["connected", "requested"]
        assert not ConnectionRequest.objects.filter(status=Status.PENDING).exists()


def race(pairs):
    """Run connection_request for each (sender, recipient) at the same moment, each in
    its own thread with its own database connection."""
    from django.db import connections

    barrier = threading.Barrier(len(pairs))
    results, errors = [], []

    def run(sender, recipient):
        try:
            barrier.wait()
            results.append(services.connection_request(sender=sender, recipient=recipient))
        except CommunityError as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.postgres
@pytest.mark.skipif(db_connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_double_click_makes_one_pending_request():
    a, b = UserFactory(), UserFactory()
    _results, errors = race([(a, b)] * 3)
    assert ConnectionRequest.objects.filter(status=Status.PENDING).count() == 1
    assert len(errors) == 2


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_connection_actions_never_redirect_off_site(member_client, other_member, next_url):
    response = member_client.post(
        "/en/community/network/remove/", {"user": other_member.pk, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/community/network/"


def test_connection_actions_return_to_the_page_on_this_site(member_client, other_member):
    response = member_client.post(
        "/en/community/network/remove/", {"user": other_member.pk, "next": "/en/members/"}
    )
    assert response["Location"] == "/en/members/"
