import importlib
import re

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders

from wagtail.models import Page

import pytest

pytestmark = pytest.mark.django_db

CONTENT_KEYS = [
    "stories",
    "story",
    "resources",
    "resource",
    "guide",
    "chapter",
    "news",
    "news_item",
    "themes",
    "theme_page",
]


def _factories():
    """Every page factory of every project app, by model."""
    found = {}
    for config in apps.get_app_configs():
        if not str(config.path).startswith(str(settings.BASE_DIR)):
            continue
        try:
            module = importlib.import_module(f"{config.name}.factories")
        except ModuleNotFoundError:
            continue
        for value in vars(module).values():
            model = getattr(getattr(value, "_meta", None), "model", None)
            if isinstance(model, type) and issubclass(model, Page):
                found[model] = value
    return found


def test_every_page_type_in_the_project_has_a_factory():
    factories = _factories()
    missing = [
        model._meta.label
        for model in apps.get_models()
        if issubclass(model, Page)
        and model is not Page
        and str(apps.get_app_config(model._meta.app_label).path).startswith(str(settings.BASE_DIR))
        and model not in factories
    ]
    assert missing == [], f"Page types without a factory: {missing}"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("key", CONTENT_KEYS)
def test_every_page_type_renders_in_three_languages(client, tree, key, language):
    page = tree[key] if language == "en" else tree["translations"][(key, language)]
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert page.title in html
    assert '<link rel="canonical"' in html
    assert 'hreflang="fr"' in html and 'hreflang="x-default"' in html
    assert 'property="og:title"' in html and 'name="twitter:card"' in html


@pytest.mark.parametrize("key", CONTENT_KEYS)
def test_every_page_type_appears_in_search(client, tree, key):
    page = tree[key]
    response = client.get("/en/search/", {"q": page.title})
    assert response.status_code == 200
    assert page.url in response.content.decode()


@pytest.mark.parametrize("key", CONTENT_KEYS)
def test_every_page_type_weighs_under_100_kb(client, tree, key):
    response = client.get(tree[key].url)
    html = response.content
    total = len(html)

    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as handle:
            total += len(handle.read())
    assert total < 100 * 1024, f"{tree[key].url}: {total} bytes"
