"""A visitor reads the site in three languages, joins, verifies their email and signs in."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import verified_email_link

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_home_login_and_signup_pages_have_no_axe_violations(page, seeded_site, language):
    for path in (f"/{language}/", f"/{language}/accounts/login/", f"/{language}/accounts/signup/"):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)


def test_visitor_switches_language_joins_and_signs_in(page, seeded_site, live_server):
    page.goto("/en/about/")
    expect(page.get_by_role("heading", level=1)).to_have_text("About the collective")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="fr").click()
    expect(page).to_have_url(re.compile(r"/fr/about/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("À propos du collectif")

    page.goto("/fr/accounts/signup/")
    page.get_by_label("E-mail").fill("nadia@example.org")
    page.get_by_label("Mot de passe (obligatoire)", exact=True).fill("a-long-pass-phrase-42")
    page.get_by_label("Mot de passe (confirmation)").fill("a-long-pass-phrase-42")
    page.get_by_label("Votre nom").fill("Nadia Benali")
    page.get_by_role("button", name="Créer un compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre boîte de réception")
    assert_accessible(page)

    link = verified_email_link("nadia@example.org")
    page.goto(link)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    # Confirming the address signs her in; she signs out and back in.
    expect(page.get_by_role("navigation", name="Votre compte")).to_contain_text("Se déconnecter")
    page.goto("/fr/accounts/logout/")
    page.get_by_role("button", name="Se déconnecter").click()

    page.goto("/fr/accounts/login/")
    page.get_by_label("E-mail").fill("nadia@example.org")
    page.get_by_label("Mot de passe").fill("a-long-pass-phrase-42")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("navigation", name="Votre compte")).to_contain_text("Se déconnecter")
