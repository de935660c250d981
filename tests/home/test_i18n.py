"""Three languages: prefixed URLs, Accept-Language redirect, the switcher, error pages."""

from django.test import override_settings

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "expected"), [("fr-FR,fr;q=0.9", "/fr/"), ("es", "/es/"), ("de", "/en/")]
)
def test_root_redirects_by_accept_language(client, site, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("source", "language", "target"),
    [
        ("/en/about/", "fr", "/fr/about/"),
        ("/fr/about/", "es", "/es/about/"),
        ("/es/privacy/", "en", "/en/privacy/"),
        ("/en/", "es", "/es/"),
        ("/en/accounts/login/", "fr", "/fr/accounts/login/"),
        # the query string comes along, so filters survive a change of language
        ("/en/about/?country=KE", "fr", "/fr/about/?country=KE"),
        ("/fr/about/?country=KE&theme=3", "es", "/es/about/?country=KE&theme=3"),
        ("/en/accounts/login/?next=%2Fen%2F", "es", "/es/accounts/login/?next=%2Fen%2F"),
    ],
)
def test_language_switcher_keeps_the_reader_on_the_same_page(
    client, site, source, language, target
):
    response = client.get(f"/language/{language}/", {"next": source})
    assert response.status_code == 302
    assert response["Location"] == target
    assert response.cookies["ogc_language"].value == language
    page = client.get(target)
    assert page.status_code == 200
    assert f'<html lang="{language}">' in page.content.decode()


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/en/",
        "javascript:alert(1)",
        "/\\evil.example",
        "",
        "nonsense",
    ],
)
def test_language_switcher_ignores_off_site_next(client, site, next_url):
    response = client.get("/language/fr/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_unknown_language_is_a_404_not_a_500(client, site):
    response = client.get("/language/de/", {"next": "/en/"}, follow=True)
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_switcher_links_in_the_header_mark_the_current_language(client, site):
    html = client.get("/fr/about/").content.decode()
    assert 'href="/language/en/?next=%2Ffr%2Fabout%2F"' in html
    assert 'aria-current="true"><abbr title="Français">fr</abbr>' in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "We could not find that page"),
        ("fr", "Nous n’avons pas trouvé cette page"),
        ("es", "No encontramos esa página"),
    ],
)
def test_404_page_in_each_language(client, site, language, heading):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert heading in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Something went wrong on our side"),
        ("fr", "Une erreur s’est produite de notre côté"),
        ("es", "Algo salió mal de nuestro lado"),
    ],
)
def test_500_page_in_each_language(client, site, language, heading, monkeypatch):
    from home.models import HomePage

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", boom)
    client.raise_request_exception = False
    response = client.get(f"/{language}/")
    assert response.status_code == 500
    assert heading in response.content.decode()


def test_site_settings_follow_the_language(client, site):
    assert "La maison des réformateur·rices" in client.get("/fr/").content.decode()
    assert "El hogar de quienes impulsan" in client.get("/es/").content.decode()


@override_settings(LANGUAGE_CODE="en")
def test_every_interface_string_is_translated():
    """The catalogues are complete and compiled: no empty or fuzzy entry."""
    import subprocess
    from pathlib import Path

    from django.conf import settings

    for language in ("fr", "es"):
        po = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po"
        stats = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        assert "untranslated" not in stats and "fuzzy" not in stats, f"{language}: {stats}"
        assert po.with_suffix(".mo").exists()
