"""The site chrome, shared across requests until content changes.

Every page, cached or not, shows the same header and footer for a given language and
host, and Wagtail finds the same Site and Locale rows for it. On a page-cache miss
these cost five queries (the Site, the Locale, the site settings and the pages its
navigation and footer links point to) although they change only when an editor
publishes something. :func:`shared` keeps such answers in the cache under the page
cache's generation (``home.page_cache``): a change to any model public pages show starts
a new generation, so the next request computes them again. Within a request they are
also memoised (``home.request_memo``), so the cache is asked once per request and key.

What depends on the reader (the account menu, the header's counts) is never kept here.
"""

from django.core.cache import cache
from django.utils import translation

from home.request_memo import memo

#: An upper bound, for rows changed without signals (a raw SQL fix, a restored backup).
CHROME_SECONDS = 60 * 60

_MISSING = object()


def _generation():
    from home.page_cache import generation

    return memo(("chrome", "generation"), generation)


def shared(key: tuple, compute):
    """``compute()``, once per generation across processes and once per request."""

    def across():
        gen = _generation()
        if gen is None:  # the cache is unreachable: ask the database
            return compute()
        cache_key = "chrome:{}:{}".format(gen, ":".join(map(str, key)))
        value = cache.get(cache_key, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(cache_key, value, CHROME_SECONDS)
        return value

    return memo(("chrome", *key), across)


# ---------------------------------------------------------------------------
# The header and footer
# ---------------------------------------------------------------------------


class SiteChrome:
    """What the header and footer show (``SiteSettings`` in the reader's language), as
    plain data: links are ``{"url", "label", "page_id"}`` dicts resolved in that language."""

    FIELDS = ("organisation_name", "tagline", "footer_text", "contact_email", "contact_address")

    def __init__(self, **values):
        self.__dict__.update(values)

    @classmethod
    def from_settings(cls, row, request=None) -> "SiteChrome":
        return cls(
            **{name: getattr(row, name) for name in cls.FIELDS},
            navigation=_links(row.navigation, request),
            footer_links=_links(row.footer_links, request),
            social_links=[
                {"network": block.value["network"], "url": block.value["url"]}
                for block in row.social_links
            ],
        )


def _links(stream, request) -> list[dict]:
    found = []
    for block in stream:
        link = block.value
        target = link["page"].localized if link["page"] else None
        if target is not None and target.live:
            url = target.get_url(request)
            found.append({"url": url, "label": link["label"] or target.title, "page_id": target.pk})
        elif link["url"]:
            found.append(
                {"url": link["url"], "label": link["label"] or link["url"], "page_id": None}
            )
    return found


def site_chrome(request=None) -> SiteChrome:
    """The header and footer data for the reader's language (and this host)."""
    from home.models import SiteSettings

    host = request.get_host() if request is not None else ""
    return shared(
        ("site_chrome", translation.get_language(), host),
        lambda: SiteChrome.from_settings(SiteSettings.for_active_locale(), request),
    )


# ---------------------------------------------------------------------------
# Wagtail's Site and Locale lookups
# ---------------------------------------------------------------------------


def install() -> None:
    """Route Wagtail's per-request Site lookup and the locale lookups through
    :func:`shared`. Called once from ``home.apps``."""
    from django.http.request import split_domain_port

    from wagtail.models import Site

    if getattr(Site._find_for_request, "shared", False):
        return
    find = Site._find_for_request

    def _find_for_request(request):
        hostname = split_domain_port(request._get_raw_host())[0]
        return shared(("site", hostname, request.get_port()), lambda: find(request))

    _find_for_request.shared = True
    Site._find_for_request = staticmethod(_find_for_request)
