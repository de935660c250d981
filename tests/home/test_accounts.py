"""Accounts: allauth signup, verification, login, enumeration prevention, admin login."""

import re

from django.core import mail

import pytest

from community.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture
def site(fresh_site):
    """Some tests here commit for real: the site is seeded for each test."""
    return fresh_site


def _signup(client, email, language="en", name="Nadia Benali"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "name": name, "password1": PASSWORD, "password2": PASSWORD},
    )


def _confirmation_link(email):
    message = next(m for m in reversed(mail.outbox) if email in m.to)
    return re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)


def test_signup_verify_login_round_trip(client):
    response = _signup(client, "nadia@example.org")
    assert response.status_code == 302
    user = User.objects.get(email="nadia@example.org")
    assert user.profile.display_name == "Nadia Benali"

    # Unverified: login is refused until the email is confirmed.
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "nadia@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session

    link = _confirmation_link("nadia@example.org")
    assert client.get(link).status_code == 200
    client.post(link)
    response = client.post(
        "/en/accounts/login/", {"login": "nadia@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_confirmation_email_is_in_the_language_of_signup(client):
    _signup(client, "lea@example.org", language="fr")
    message = mail.outbox[-1]
    assert User.objects.get(email="lea@example.org").preferred_language == "fr"
    assert message.extra_headers["Content-Language"] == "fr"
    assert "/fr/accounts/confirm-email/" in message.body
    assert message.subject == "Bienvenue sur OpenGov Collective : confirmez votre adresse e-mail"


def test_signup_with_a_known_email_looks_identical_to_a_new_one(client, member):
    new = _signup(client, "brand-new@example.org")
    client.logout()
    known = _signup(client, member.email)
    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert User.objects.filter(email=member.email).count() == 1
    # The owner of the known address is told by email, not the person at the keyboard.
    assert any(member.email in m.to for m in mail.outbox)


def test_password_reset_answers_the_same_for_known_and_unknown_emails(client, member):
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    known = client.post("/en/accounts/password/reset/", {"email": member.email})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    done_unknown = client.get(unknown["Location"]).content
    done_known = client.get(known["Location"]).content
    assert done_unknown == done_known


def test_admin_login_is_the_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert "next=/admin/pages/" in response["Location"]
    # The old Wagtail form cannot be used to sign in around allauth.
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code in {302, 405}
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_through_allauth_reaches_the_admin(client, staff, site):
    from community.factories import PASSWORD as STAFF_PASSWORD

    response = client.post(
        "/en/accounts/login/?next=/admin/",
        {"login": staff.email, "password": STAFF_PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_login_is_rate_limited(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    from django.core.cache import cache

    cache.clear()
    for _ in range(4):
        client.post("/en/accounts/login/", {"login": member.email, "password": "wrong"})
    # Even the right password is refused while the limit holds, with a clear message.
    from community.factories import PASSWORD as RIGHT

    response = client.post("/en/accounts/login/", {"login": member.email, "password": RIGHT})
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 429}
    assert b"Too many failed login attempts" in response.content


def test_two_factor_setup_page_is_available_to_members(member_client):
    response = member_client.get("/en/accounts/2fa/")
    assert response.status_code == 200


def test_confirming_the_email_signs_the_member_in(client):
    """Issue 11: the confirmation link signs the new member in; no sign-in form after it."""
    _signup(client, "amara@example.org")
    user = User.objects.get(email="amara@example.org")
    assert "_auth_user_id" not in client.session
    link = _confirmation_link("amara@example.org")
    response = client.post(link)
    assert response.status_code == 302
    assert "/accounts/login/" not in response["Location"]
    assert client.session["_auth_user_id"] == str(user.pk)
    # A new member's profile is empty: they land on the profile form, in their language.
    from django.urls import reverse

    assert response["Location"] == reverse("community:profile_edit")
