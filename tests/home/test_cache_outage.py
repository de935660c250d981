"""With the cache unreachable the site keeps serving, sign-in fails closed, and
/healthz/ says which dependency is down."""

from unittest import mock

from django.db import OperationalError

import pytest

from community.factories import PASSWORD

DEAD_CACHE = {
    "default": {
        "BACKEND": "home.cache.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_PREFIX": "ogc-test",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}
RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
REFUSED = "We cannot check this request safely right now, so it was not sent."


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = DEAD_CACHE
    settings.ACCOUNT_RATE_LIMITS = RATE_LIMITS
    from django.core.cache import cache

    assert cache.get("anything") is None  # a miss, not an exception
    yield cache


def test_the_degrading_cache_answers_as_an_empty_cache(dead_cache):
    cache = dead_cache
    cache.set("k", 1)
    assert cache.get("k", "default") == "default"
    assert cache.add("k", 1) is False
    assert cache.get_many(["k"]) == {}
    with pytest.raises(ValueError):
        cache.incr("k")
    assert cache.get_or_set("k", 5) == 5
    from home.cache import cache_available

    assert cache_available() is False


def test_pages_keep_serving_with_the_cache_down(site, client, member, dead_cache):
    assert client.get("/en/").status_code == 200
    assert client.get("/en/accounts/login/").status_code == 200
    client.force_login(member)
    assert client.get("/en/").status_code == 200
    assert client.get(f"/en/community/members/{member.profile.pk}/").status_code == 200


def test_sign_in_is_refused_with_a_message_while_rate_limits_cannot_be_checked(
    site, client, member, dead_cache
):
    response = client.post(
        "/en/accounts/login/", {"login": member.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/en/accounts/login/"
    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session
    for url, data in [
        ("/en/accounts/signup/", {"email": "new@example.org", "password1": PASSWORD}),
        ("/en/accounts/password/reset/", {"email": member.email}),
    ]:
        response = client.post(url, data, follow=True)
        assert REFUSED in response.content.decode(), url
    from community.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_sign_in_refusal_is_translated(site, client, member, dead_cache):
    response = client.post(
        "/fr/accounts/login/", {"login": member.email, "password": PASSWORD}, follow=True
    )
    assert "Nous ne pouvons pas vérifier cette demande" in response.content.decode()


def test_sign_in_works_when_the_cache_answers(site, client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = RATE_LIMITS  # the test cache (locmem) is up
    response = client.post("/en/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_healthz_reports_the_cache_down_as_degraded(client, db, dead_cache):
    response = client.get("/healthz/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "down"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down(client, db):
    with mock.patch("home.views.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["checks"]["database"] == "down"
    assert body["checks"]["cache"] == "ok"
