import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Join the community"),
        ("fr", "Rejoindre la communauté"),
        ("es", "Únete a la comunidad"),
    ],
)
def test_home_page_renders_in_each_language(client, site, language, expected):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert expected in html


def test_themes_fall_back_to_the_default_language(site):
    from wagtail.models import Locale

    from home.models import Theme

    fr = Locale.objects.get(language_code="fr")
    names = Theme.names(fr)
    assert names[
        Theme.objects.get(locale__language_code="en", slug="climate-action").translation_key
    ] == ("Action climatique")
    # A theme nobody translated yet keeps its English name in French listings.
    extra = Theme.objects.create(
        locale=Locale.get_default(), name="Open parliaments", slug="parliaments"
    )
    assert Theme.names(fr)[extra.translation_key] == "Open parliaments"
    assert [t.locale.language_code for t in Theme.for_locale(fr)] == ["fr"] * 9
