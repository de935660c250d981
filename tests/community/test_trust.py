"""Trust fixes seen from the community: refusals, confirmation, private caching,
the scraping throttle and a visitor's Connect surviving sign-in."""

import re
from types import SimpleNamespace

from django.core.cache import cache

import pytest

from community import services
from community.errors import CommunityError
from community.factories import PASSWORD, UserFactory
from community.models import Connection, ConnectionRequest
from home.middleware import PRIVATE_CACHE_CONTROL


def connected(a, b) -> bool:
    low, high = Connection.ordered(a.pk, b.pk)
    return Connection.objects.filter(user_low_id=low, user_high_id=high).exists()


def profile_url(user, language="en") -> str:
    return f"/{language}/community/members/{user.profile.pk}/"


# -- one way to fail --------------------------------------------------------------------


def test_a_refused_connect_is_a_coded_error_shown_as_a_message(site, member, other_member):
    with pytest.raises(CommunityError) as excinfo:
        services.connection_request(sender=member, recipient=member)
    assert excinfo.value.code == "self"
    assert excinfo.value.status == 409

    services.connection_request(sender=member, recipient=other_member)
    with pytest.raises(CommunityError) as excinfo:
        services.connection_request(sender=member, recipient=other_member)
    assert excinfo.value.code == "already_pending"

    # Through the view: the kernel turns the refusal into a message and a redirect back.
    from django.test import Client

    client = Client()
    client.force_login(member)
    page = profile_url(other_member)
    response = client.post(
        "/en/community/network/connect/", {"profile": other_member.profile.pk, "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    assert "A request between you is already waiting for an answer." in html
    assert ConnectionRequest.objects.filter(sender=member).count() == 1


def test_a_refusal_in_french_is_shown_in_french(site, member):
    from django.test import Client

    client = Client()
    client.force_login(member)
    response = client.post(
        "/fr/community/network/connect/",
        {"profile": member.profile.pk},
        HTTP_REFERER="http://testserver/fr/community/network/",
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/fr/community/network/"
    assert "Vous ne pouvez pas vous mettre en relation avec vous-même." in response.content.decode()


# -- removing a connection asks first ---------------------------------------------------


def test_removing_a_connection_asks_first(site, member_client, member, other_member):
    services.connection_request(sender=member, recipient=other_member)
    services.connection_request(sender=other_member, recipient=member)
    assert connected(member, other_member)
    page = profile_url(other_member)
    # The profile offers the removal as a link to the confirmation (a GET form).
    assert 'method="get" action="/en/community/network/remove/"' in (
        member_client.get(page).content.decode()
    )
    response = member_client.get(
        "/en/community/network/remove/", {"user": other_member.pk, "next": page}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert connected(member, other_member)  # a GET changes nothing
    name = other_member.profile.display_name
    assert f"You and {name} are no longer connected" in html
    assert "Keep the connection" in html and f'href="{page}"' in html
    assert 'method="post"' in html
    response = member_client.post(
        "/en/community/network/remove/", {"user": other_member.pk, "next": page}
    )
    assert response.status_code == 302 and response["Location"] == page
    assert not connected(member, other_member)


def test_blocking_asks_first_and_says_the_connection_ends(
    site, member_client, member, other_member
):
    from community.models import Block

    services.connection_request(sender=member, recipient=other_member)
    services.connection_request(sender=other_member, recipient=member)
    page = profile_url(other_member)
    assert 'method="get" action="/en/community/network/block/"' in (
        member_client.get(page).content.decode()
    )
    response = member_client.get(
        "/en/community/network/block/", {"user": other_member.pk, "next": page}
    )
    html = response.content.decode()
    name = other_member.profile.display_name
    assert response.status_code == 200
    assert f"Your connection with {name} ends" in html
    assert f"{name} is not told" in html and f'href="{page}"' in html
    assert connected(member, other_member) and not Block.objects.exists()  # GET: nothing
    member_client.post("/en/community/network/block/", {"user": other_member.pk})
    assert not connected(member, other_member)
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()


def test_the_block_page_in_french_and_for_nonsense(site, member_client, member, other_member):
    member.preferred_language = "fr"
    member.save()
    html = member_client.get(
        "/fr/community/network/block/", {"user": other_member.pk}
    ).content.decode()
    assert "Bloquer un membre" in html
    assert member_client.get("/en/community/network/block/", {"user": "x"}).status_code == 404
    mine = member_client.get("/en/community/network/block/", {"user": member.pk})
    assert "You cannot block yourself." in mine.content.decode()


# -- private pages are never cached -----------------------------------------------------


def test_every_page_for_a_member_is_private_no_store(site, directory, client, member, staff):
    other = UserFactory()
    client.force_login(member)
    urls = [
        "/en/",
        "/en/members/",
        profile_url(other),
        "/en/community/profile/",
        "/en/community/network/",
        "/en/community/account/",
        "/en/notifications/",
        "/en/my-events/",
        "/en/award/nominations/",
        "/en/cohorts/applications/",
        "/en/no-such-page/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        assert response["Cache-Control"] == PRIVATE_CACHE_CONTROL, url
    client.force_login(staff)
    for url in ["/admin/", "/admin/pages/", "/en/members/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == PRIVATE_CACHE_CONTROL, url


def test_anonymous_public_pages_are_not_forced_to_no_store(site, directory, client):
    for url in ["/en/", "/robots.txt"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_a_view_can_mark_a_response_public(rf, member):
    from django.http import HttpResponse

    from home.middleware import PrivateCacheMiddleware, mark_public

    request = rf.get("/")
    request.user = member
    public = PrivateCacheMiddleware(
        lambda r: mark_public(HttpResponse(headers={"Cache-Control": "public, max-age=60"}))
    )(request)
    assert public["Cache-Control"] == "public, max-age=60"
    private = PrivateCacheMiddleware(lambda r: HttpResponse())(request)
    assert private["Cache-Control"] == PRIVATE_CACHE_CONTROL


# -- scraping is throttled --------------------------------------------------------------


def test_reading_people_faster_than_a_person_is_answered_429_in_french(
    site, directory, client, settings, monkeypatch
):
    settings.THROTTLE_PEOPLE_READS = [(5, 60)]
    # One fixed window for the whole test, however slow the machine is.
    monkeypatch.setattr("home.throttle.time", SimpleNamespace(time=lambda: 1_000_010.0))
    cache.clear()
    reader = UserFactory(preferred_language="fr")
    others = [UserFactory() for _ in range(5)]
    client.force_login(reader)
    reads = ["/en/members/", "/en/members/?page=1"] + [profile_url(o, "fr") for o in others[:3]]
    for url in reads:
        assert client.get(url).status_code == 200, url
    response = client.get(profile_url(others[4], "fr"))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    html = response.content.decode()
    assert "Merci de ralentir" in html
    assert response["Cache-Control"] == PRIVATE_CACHE_CONTROL
    # The directory is counted too, and other pages are not throttled.
    assert client.get("/en/members/").status_code == 429
    assert client.get("/fr/community/network/").status_code == 200
    # Another member has their own allowance.
    client.force_login(others[0])
    assert client.get(profile_url(others[1])).status_code == 200
    cache.clear()


def test_staff_read_more_before_the_throttle(site, client, settings, staff, monkeypatch):
    settings.THROTTLE_PEOPLE_READS = [(2, 60)]
    monkeypatch.setattr("home.throttle.time", SimpleNamespace(time=lambda: 1_000_010.0))
    settings.THROTTLE_STAFF_FACTOR = 3
    cache.clear()
    other = UserFactory()
    client.force_login(staff)
    statuses = [client.get(profile_url(other)).status_code for _ in range(7)]
    assert statuses == [200] * 6 + [429]
    cache.clear()


# -- a visitor's Connect survives sign-in -----------------------------------------------


def test_connect_as_a_visitor_resumes_on_the_profile_after_sign_in(site, client, member):
    other = UserFactory()
    page = profile_url(other)
    # An anonymous visitor posts Connect (a form from before their session ended).
    response = client.post(
        "/en/community/network/connect/",
        {"profile": other.profile.pk, "next": page},
        HTTP_REFERER=f"http://testserver{page}",
    )
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith("/en/accounts/login/")
    assert "connect" not in login
    response = client.post(login, {"login": member.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == page
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/en/community/network/connect/"' in html
    assert "Send a connection request" in html
    assert not ConnectionRequest.objects.exists()  # offered again, not done behind their back


def test_accepting_as_a_visitor_resumes_on_the_network_page(site, client, member):
    other = UserFactory()
    _state, request = services.connection_request(sender=other, recipient=member)
    response = client.post(
        f"/en/community/network/requests/{request.pk}/accept/",
        HTTP_REFERER="http://testserver/en/community/network/",
    )
    login = response["Location"]
    assert re.search(r"next=%2Fen%2Fcommunity%2Fnetwork%2F($|&)", login), login
    response = client.post(login, {"login": member.email, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/en/community/network/"
    assert f'action="/en/community/network/requests/{request.pk}/accept/"' in (
        response.content.decode()
    )
