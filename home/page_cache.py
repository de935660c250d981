"""The anonymous page cache: whole HTML responses, per language, until content changes.

A visitor's GET of a page under a language prefix (``/en/``, ``/fr/``, ``/es/``) is
answered from the configured cache (Redis in production, local memory otherwise) when an
earlier visitor's request for the same address left a copy. Only what can be the same
for every visitor is kept: a 200 ``text/html`` response to a request with no session,
no flash-message cookie and no ``Authorization`` header, rendered for an anonymous user,
that sets no cookie (a page with a form sets ``csrftoken``: never kept) and that its view
did not mark ``private``, ``no-store``, ``no-cache`` or :func:`exempt`.

Invalidation is by **generation**: every key carries an integer kept in the cache
(``pagecache:generation``), and :func:`bump` replaces it whenever something a public page
shows is saved or deleted (what apps declare with :func:`register`, any Wagtail page, publish,
unpublish, move). Old copies are never read again and expire on their own after
``PAGE_CACHE_SECONDS``. The same generation keys the site chrome cache
(``home.chrome``), which is on even when the page cache is off.

Kept copies send ``Cache-Control: public, max-age=PAGE_CACHE_SECONDS`` and
``Vary: Cookie``, so a CDN in front may keep them too (it must pass requests carrying the
session cookie through: docs/deployment.md, "Caching"). ``X-Page-Cache`` says ``hit``
or ``miss``. Responses to signed-in members are ``private, no-store``
(``home.middleware.PrivateCacheMiddleware``) and never read from or written to the cache.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"

#: What the kernel's own public chrome shows; each app adds the models its public pages
#: show, and its members' areas, with :func:`register` from its ``apps.ready()``.
_SHOWN: set[str] = {
    "home.Theme",
    "home.SiteSettings",
    "wagtailcore.Locale",
    "wagtailcore.Site",
    "wagtailcore.Collection",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit",
}
#: Paths after the language prefix that are never kept, whoever asks (members' areas
#: and forms; most answer a visitor with a redirect to sign in anyway).
_PRIVATE_SECTIONS: tuple[str, ...] = ("accounts/", "admin/", "notifications/", "me/")


def register(*, shown: tuple[str, ...] = (), private_sections: tuple[str, ...] = ()) -> None:
    """Declare, from an app's ``apps.ready()``, what its public pages show and what is
    never kept.

    ``shown``: ``"app"`` (every model of the app) or ``"app.Model"`` labels whose rows a
    public page shows; saving or deleting one starts a new generation (pages need no
    entry: every page change does). ``private_sections``: paths after the language prefix
    (``"<section>/"``) that are members' areas, never read from or written to the cache.

    Left out of ``shown`` on purpose: what only members or staff see (registrations,
    applications, nominations' drafts, scores, messages, notifications, the outbox,
    sessions, audit logs, revisions, workflow states), and what rendering itself creates
    (image renditions, embeds, search index rows), which would otherwise invalidate the
    page being kept.
    """
    global _PRIVATE_SECTIONS
    _SHOWN.update(shown)
    _PRIVATE_SECTIONS = tuple(dict.fromkeys((*_PRIVATE_SECTIONS, *private_sections)))


_PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache", "max-age=0")


# ---------------------------------------------------------------------------
# The generation
# ---------------------------------------------------------------------------


def generation() -> int | None:
    """The current generation, started lazily; ``None`` while the cache is unreachable."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def _new_generation() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    from home.request_memo import forget

    forget("chrome")


def bump(using=None) -> None:
    """Start a new generation: every kept page and chrome fragment is stale.

    Inside a transaction it bumps now (so the writing request, and a test, read fresh
    data) and again once the transaction commits (so a copy another process kept from
    the old rows before the commit is not read either)."""
    _new_generation()
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and not any(
        func is _new_generation for _sids, func, *_rest in connection.run_on_commit
    ):
        transaction.on_commit(_new_generation, using=using)


# ---------------------------------------------------------------------------
# What bumps it (connected in home.apps)
# ---------------------------------------------------------------------------


def is_shown_on_public_pages(model) -> bool:
    from wagtail.models import Page

    if issubclass(model, Page):
        return True
    meta = model._meta
    return meta.app_label in _SHOWN or f"{meta.app_label}.{meta.object_name}" in _SHOWN


def _user_noise(sender, update_fields) -> bool:
    """A sign-in saves ``last_login`` only: nothing a public page shows."""
    return (
        sender._meta.label == settings.AUTH_USER_MODEL
        and update_fields is not None
        and set(update_fields) <= {"last_login"}
    )


def _on_save(sender, instance=None, raw=False, update_fields=None, using=None, **kwargs):
    if raw or not is_shown_on_public_pages(sender) or _user_noise(sender, update_fields):
        return
    bump(using)


def _on_delete(sender, using=None, **kwargs):
    if is_shown_on_public_pages(sender):
        bump(using)


def _on_m2m(sender, instance=None, action="", using=None, **kwargs):
    if action.startswith("post_") and is_shown_on_public_pages(type(instance)):
        bump(using)


def _on_page_event(sender, **kwargs):
    bump()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_save, dispatch_uid="home.page_cache.save")
    post_delete.connect(_on_delete, dispatch_uid="home.page_cache.delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="home.page_cache.m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"home.page_cache.{id(signal)}")


# ---------------------------------------------------------------------------
# Views
# ---------------------------------------------------------------------------


def exempt(response):
    """Never keep this response in the page cache (the view knows it varies by more than
    its address). Returns the response."""
    response.page_cache_exempt = True
    return response


# ---------------------------------------------------------------------------
# The middleware
# ---------------------------------------------------------------------------


def _language_prefixes() -> tuple:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def request_is_cacheable(request) -> bool:
    """Whether this request may be answered from, and kept in, the page cache."""
    if request.method not in {"GET", "HEAD"}:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or _messages_cookie() in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path
    prefixes = _language_prefixes()
    if not path.startswith(prefixes):
        return False
    rest = path.split("/", 2)[2]
    return not rest.startswith(_PRIVATE_SECTIONS)


def _messages_cookie() -> str:
    return getattr(settings, "MESSAGES_COOKIE_NAME", None) or "messages"


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if getattr(response, "page_cache_exempt", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in _PRIVATE_DIRECTIVES)


def cache_key(request, gen) -> str:
    address = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"pagecache:{gen}:{request.scheme}:{request.get_host()}:{address}"


class PageCacheMiddleware:
    """Answer visitors from the page cache; keep what can be kept (module docstring).

    Placed right after WhiteNoise and GZip, before the CSP, session, locale and
    authentication middleware: a hit costs no SQL, and the kept headers (the
    Content-Security-Policy among them) always match the kept body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", False) or not request_is_cacheable(request):
            return self.get_response(request)
        gen = generation()
        if gen is None:  # the cache is unreachable: serve as if there were none
            return self.get_response(request)
        key = cache_key(request, gen)
        kept = cache.get(key)
        if kept is not None:
            return self._rebuild(kept)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            self._mark_public(response)
            headers = [(k, v) for k, v in response.items() if k.lower() != "x-page-cache"]
            cache.set(
                key,
                (response.status_code, headers, response.content, time.time()),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _mark_public(response):
        response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_SECONDS}"
        if "Expires" in response:
            del response["Expires"]
        patch_vary_headers(response, ("Cookie",))

    @staticmethod
    def _rebuild(kept):
        status, headers, content, stored_at = kept
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Age"] = str(max(0, int(time.time() - stored_at)))
        response["X-Page-Cache"] = "hit"
        return response
