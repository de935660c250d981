"""One canonical address for every link the platform gives out.

``settings.SITE_URL`` is the only source of absolute links: emails, calendar files,
canonical and hreflang tags, sitemaps, feeds and certificate ids are all built here, never
from the request's host or from a Wagtail ``Site`` record (which ``home.site`` keeps in step
with ``SITE_URL`` for Wagtail's own admin links).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def origin() -> str:
    """``scheme://host[:port]`` of the site, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def domain() -> str:
    """The site's host name (no port): for Message-IDs, calendar UIDs and senders."""
    return urlsplit(origin()).hostname or "localhost"


def absolute(path: str) -> str:
    """``path`` on this site as an absolute URL; an absolute URL is returned unchanged."""
    if path.startswith(("http://", "https://")):
        return path
    if not path.startswith("/"):
        path = "/" + path
    return origin() + path


def url(viewname: str, *, language: str | None = None, args=None, kwargs=None) -> str:
    """``reverse()`` as an absolute URL, in ``language`` (the active one by default)."""
    with translation.override(language or translation.get_language()):
        return absolute(reverse(viewname, args=args, kwargs=kwargs))


def page_path(page, language: str | None = None) -> str:
    """The path of ``page`` for a reader of ``language``: its live translation there; else,
    for a page in the default language, its path under the reader's language prefix (the
    site serves it there in its own language, with the reader's interface and a notice);
    else the page's own path. Empty when the page is not routable (outside every site).
    """
    shown = in_language(page, language) if language else page
    parts = shown.get_url_parts()
    if not parts:
        return ""
    path = parts[2]
    source = getattr(getattr(shown, "locale", None), "language_code", "")
    if language and source != language and source == settings.LANGUAGE_CODE:
        prefix = f"/{source}/"
        if path.startswith(prefix):
            path = f"/{language}/" + path[len(prefix) :]
    return path


def page_url(page, language: str | None = None) -> str:
    """The absolute URL of ``page`` (in ``language`` when it has a live translation)."""
    path = page_path(page, language)
    return absolute(path) if path else ""


def in_language(page, language: str):
    """``page``'s live translation in ``language``, or ``page`` itself."""
    from wagtail.models import Locale

    if getattr(page, "locale", None) is not None and page.locale.language_code == language:
        return page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        return page
    translated = page.get_translation_or_none(locale)
    if translated is not None and translated.live:
        return translated.specific
    return page
