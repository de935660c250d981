from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject


def _language_links(request):
    current = translation.get_language()
    next_path = request.get_full_path()
    return [
        {
            "code": code,
            "name": name,
            "current": code == current,
            "url": reverse("switch_language", args=[code]) + "?" + urlencode({"next": next_path}),
        }
        for code, name in settings.LANGUAGES
    ]


def site_chrome(request):
    """Header and footer data for every public page, evaluated only when used, and kept
    across requests until content changes (home/chrome.py)."""
    from home.chrome import site_chrome

    return {
        "site_settings": SimpleLazyObject(lambda: site_chrome(request)),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
    }
