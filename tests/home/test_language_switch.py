"""The language switcher: filters survive a change of language, and the chosen language
wins over the language cookie."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_header_link_carries_the_query_string(client, site):
    html = client.get("/en/about/?country=KE").content.decode()
    assert 'href="/language/fr/?next=%2Fen%2Fabout%2F%3Fcountry%3DKE"' in html


@pytest.mark.parametrize("cookie", ["es", "fr", "en"])
def test_choosing_a_language_switches_whatever_the_cookie_says(client, site, cookie):
    """Reproduces the report: with a Spanish cookie, Español on the English sign-up page
    kept the English page (the path was resolved in the cookie's language)."""
    client.cookies["ogc_language"] = cookie
    response = client.get("/language/es/", {"next": "/en/accounts/signup/"})
    assert response["Location"] == "/es/accounts/signup/"
    page = client.get(response["Location"])
    assert '<html lang="es">' in page.content.decode()

    response = client.get("/language/fr/", {"next": "/es/accounts/signup/"})
    assert response["Location"] == "/fr/accounts/signup/"
    assert client.cookies["ogc_language"].value == "fr"
