"""The anonymous page cache (home/page_cache.py): what a visitor is served from it, what
is kept, and that a change published in any language reaches the next visitor."""

import gzip
import re

from django.core.cache import cache
from django.test import RequestFactory

import pytest

from community.factories import UserFactory
from home.models import HomePage, SiteSettings
from home.page_cache import bump, generation, is_shown_on_public_pages

pytestmark = pytest.mark.django_db

DISTINCTIVE = "Zebulon Quartermaine-Oyelaran"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    return settings


@pytest.fixture
def test_views(page_cache):
    page_cache.ROOT_URLCONF = "tests.home.page_cache_urls"
    return page_cache


def test_a_second_visitor_get_is_a_hit_with_no_sql(
    site, client, page_cache, django_assert_num_queries
):
    first = client.get("/en/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/en/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert int(second["Age"]) >= 0


def test_visitor_pages_are_public_for_proxies_and_member_pages_are_private(
    site, client, page_cache, member
):
    visitor = client.get("/en/")
    assert visitor["Cache-Control"] == "public, max-age=300"
    assert "Cookie" in visitor["Vary"]
    assert client.get("/en/")["Cache-Control"] == "public, max-age=300"  # the hit too
    client.force_login(member)
    signed_in = client.get("/en/")
    assert signed_in["Cache-Control"] == "private, no-store"
    assert "X-Page-Cache" not in signed_in


def test_publishing_a_change_shows_in_every_language(
    site, client, page_cache, django_capture_on_commit_callbacks
):
    for code in ("en", "fr", "es"):
        client.get(f"/{code}/")
        assert client.get(f"/{code}/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        for row in SiteSettings.objects.all():
            row.tagline = f"Fresh tagline {row.locale.language_code}"
            row.save()
    for code in ("en", "fr", "es"):
        response = client.get(f"/{code}/")
        assert response["X-Page-Cache"] == "miss"
        assert f"Fresh tagline {code}" in response.content.decode()


def test_publishing_a_page_reaches_its_cached_copy_in_each_language(
    site, client, page_cache, django_capture_on_commit_callbacks
):
    for code in ("en", "fr", "es"):
        client.get(f"/{code}/")
    with django_capture_on_commit_callbacks(execute=True):
        for page in HomePage.objects.all():
            page.title = f"Republished {page.locale.language_code}"
            page.save_revision().publish()
    for code in ("en", "fr", "es"):
        assert f"Republished {code}" in client.get(f"/{code}/").content.decode()


def test_a_sign_in_does_not_invalidate_but_a_profile_edit_does(site, client, page_cache):
    before = generation()
    user = UserFactory()
    assert generation() != before  # a new member: the directory changes
    before = generation()
    client.force_login(user)  # saves last_login only
    assert generation() == before
    user.profile.headline = "Now at the ministry"
    user.profile.save()
    assert generation() != before


def test_a_group_renamed_or_made_secret_starts_a_new_generation(db):
    from spaces.factories import SpaceFactory

    space = SpaceFactory()
    before = generation()
    space.access = "secret"
    space.save()
    assert generation() != before  # a theme page that named it is not served again


def test_private_rows_and_rendering_byproducts_do_not_invalidate():
    from django.contrib.sessions.models import Session

    from wagtail.images.models import Rendition
    from wagtail.models import Revision

    from events.models import Registration
    from home.models import Notification, OutboxEmail
    from messaging.models import Message

    for model in (Registration, Notification, OutboxEmail, Message, Session, Rendition, Revision):
        assert not is_shown_on_public_pages(model), model


def test_a_members_page_never_reaches_a_visitor(site, client, page_cache):
    user = UserFactory(name=DISTINCTIVE)
    user.profile.display_name = DISTINCTIVE
    user.profile.save()
    pages = ["/en/", "/fr/", "/en/me/", f"/en/community/members/{user.profile.pk}/"]
    client.force_login(user)
    for url in pages:
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-store"
    assert "Sign out" in client.get("/en/").content.decode()
    client.logout()
    client.cookies.clear()
    for url in pages:
        body = client.get(url).content.decode()
        assert "Sign out" not in body
        assert "My space" not in body
        assert 'class="count"' not in body
    # A cached visitor page is never served to the member either.
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    client.force_login(user)
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert "Sign out" in response.content.decode()


def test_a_visitor_with_a_session_or_a_flash_message_is_not_served_from_the_cache(
    site, client, page_cache
):
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get("/en/")
    del client.cookies["messages"]
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/en/")


def test_a_response_that_sets_a_cookie_is_not_kept(client, test_views):
    for _ in range(2):
        response = client.get("/en/cookie/")
        assert "tracking" in response.cookies
        assert "X-Page-Cache" not in response


def test_a_page_with_a_form_is_not_kept(client, test_views):
    client.cookies["csrftoken"] = "x" * 32  # even when the visitor has the cookie already
    for _ in range(2):
        response = client.get("/en/form/")
        assert "X-Page-Cache" not in response


@pytest.mark.parametrize("path", ["/en/exempt/", "/en/private/", "/en/json/", "/en/me/", "/plain/"])
def test_what_a_view_or_the_address_rules_out_is_not_kept(client, test_views, path):
    client.get(path)
    assert "X-Page-Cache" not in client.get(path)


def test_a_post_is_never_answered_from_the_cache(client, test_views):
    client.get("/en/plain/")
    assert client.get("/en/plain/")["X-Page-Cache"] == "hit"
    response = client.post("/en/plain/")
    assert response.content == b"<p>plain POST</p>"
    assert "X-Page-Cache" not in response


def test_a_404_is_not_kept(site, client, page_cache):
    for _ in range(2):
        response = client.get("/en/no-such-page-here/")
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_a_cached_pages_script_nonce_matches_its_policy(client, test_views):
    # The public policy allows no inline script; were a nonce allowed, the kept
    # Content-Security-Policy is the one sent with the kept body.
    from csp.constants import NONCE

    policy = test_views.CONTENT_SECURITY_POLICY
    test_views.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**policy["DIRECTIVES"], "script-src": ["'self'", NONCE]}
    }
    first = client.get("/en/nonce/")
    second = client.get("/en/nonce/")
    assert second["X-Page-Cache"] == "hit"
    nonce = re.search(r'nonce="([^"]+)"', second.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in second["Content-Security-Policy"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_bump_inside_a_transaction_bumps_again_once_after_the_commit(db):
    from django.db import transaction

    from home.page_cache import _new_generation

    start = generation()
    bump()
    bump()
    now = generation()
    assert now != start  # the writing request reads fresh data at once
    connection = transaction.get_connection()
    pending = [entry[1] for entry in connection.run_on_commit if entry[1] is _new_generation]
    assert len(pending) == 1  # and another process's copy from before the commit is stale
    pending[0]()
    assert generation() != now


def test_the_cache_down_means_no_page_cache(site, client, page_cache, monkeypatch):
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    response = client.get("/en/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_html_is_compressed(site, client, page_cache):
    for expected in ("miss", "hit"):
        response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip"
        assert response["X-Page-Cache"] == expected
        assert b"<html" in gzip.decompress(response.content)
    assert "Content-Encoding" not in client.get("/en/")


def test_signed_in_pages_are_compressed_too(site, member_client):
    response = member_client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_a_session_survives_the_cache_being_emptied(site, member_client, settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert member_client.get("/en/me/").status_code == 200
    cache.clear()
    response = member_client.get("/en/me/")
    assert response.status_code == 200
    assert "Sign out" in response.content.decode()


def test_each_app_declares_what_its_public_pages_show_and_its_members_areas():
    """The kernel names no app's models or paths: each app registers its own from
    apps.ready(), and what they declare is what the cache honours."""
    import inspect

    from awards.models import AwardCategory
    from events.models import Speaker
    from home import page_cache
    from spaces.models import Space

    source = inspect.getsource(page_cache)
    for app in ("awards.", "events.", "cohorts.", "spaces.", "community.", "my-events/"):
        assert app not in source, app
    for model in (AwardCategory, Speaker, Space):
        assert is_shown_on_public_pages(model), model
    rf = RequestFactory()
    for path in ("/en/my-events/", "/fr/messages/", "/es/groups/x/", "/en/award/jury/"):
        assert not page_cache.request_is_cacheable(rf.get(path)), path
    assert page_cache.request_is_cacheable(rf.get("/en/events/"))
