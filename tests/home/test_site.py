"""Seed data, security headers, production checks, the admin."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

import pytest

from home.models import HomePage, OutboxEmail, SiteSettings, Theme

pytestmark = pytest.mark.django_db


def _counts():
    from wagtail.models import Page

    from community.models import Profile, User

    return {
        model.__name__: model.objects.count()
        for model in (Page, HomePage, Theme, SiteSettings, User, Profile)
    }


def test_seed_demo_builds_three_languages_and_is_idempotent():
    call_command("seed_demo", "--quiet")
    first = _counts()
    assert first["HomePage"] == 3
    assert first["Theme"] == 27  # nine themes, three languages
    assert first["SiteSettings"] == 3
    call_command("seed_demo", "--quiet")
    assert _counts() == first
    # Every section is in the header, in each language, once.
    for row in SiteSettings.objects.all():
        assert len(row.navigation) == 6


def test_public_pages_send_security_headers_and_a_strict_csp(client, site):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "<script>" not in response.content.decode()  # no inline script on the public site


def test_production_settings_pass_check_deploy():
    from cohorts.credential_keys import generate_ring_text

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "opengov.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://opengov.example.org",
        "SITE_URL": "https://opengov.example.org",
        # The certificate issuer key (without one, cohorts.W001 warns).
        "CREDENTIAL_KEYS": generate_ring_text(),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": ""}
    env.pop("SECRET_KEY")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_staff_see_failed_mail_in_the_admin(
    client, staff, site, settings, django_capture_on_commit_callbacks
):
    from unittest import mock

    from home import outbox

    settings.OUTBOX_MAX_ATTEMPTS = 1
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        outbox.enqueue(to="lost@example.org", subject="Your registration", body_text="…")
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.FAILED
    client.force_login(staff)
    response = client.get("/admin/snippets/home/outboxemail/?status=failed")
    assert response.status_code == 200
    assert "lost@example.org" in response.content.decode()


def test_members_cannot_reach_the_admin(client, member, site):
    client.force_login(member)
    response = client.get("/admin/snippets/home/outboxemail/")
    assert response.status_code in {302, 403}


def test_editors_manage_themes_and_site_settings_as_snippets(client, staff, site):
    client.force_login(staff)
    assert client.get("/admin/snippets/home/theme/").status_code == 200
    assert client.get("/admin/snippets/home/sitesettings/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_health_check_answers_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["checks"]["database"] == "ok"


def test_the_header_offers_the_admin_to_staff_roles_only(client, member, site):
    """The Admin link shows for a superuser, for a member of a staff group (a group that
    grants admin access) and for someone granted the permission directly; never for a
    member. The check rides in the header's one counting query."""
    from django.contrib.auth.models import Group, Permission

    from community.factories import StaffFactory, UserFactory

    def sees_admin(user):
        client.force_login(user)
        return '<a href="/admin/">Admin</a>' in client.get("/en/").content.decode()

    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    by_group = UserFactory()
    by_group.groups.add(Group.objects.filter(permissions=access).first())
    direct = UserFactory()
    direct.user_permissions.add(access)
    assert sees_admin(StaffFactory())
    assert sees_admin(by_group)
    assert sees_admin(direct)
    assert not sees_admin(member)
