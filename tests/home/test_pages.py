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
