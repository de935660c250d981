from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page, Site

from home import me as space
from home.redirects import is_same_site


def _page_for_path(request, path: str) -> Page | None:
    """The live Wagtail page served at ``path`` (a /<lang>/... path), if any."""
    language = translation.get_language_from_path(path)
    site = Site.find_for_request(request)
    if not language or site is None:
        return None
    components = [part for part in path.split("/") if part][1:]
    with translation.override(language):
        root = site.root_page.localized.specific
    try:
        return root.route(request, components).page
    except Http404:
        return None


def translated_url(request, path: str, language: str) -> str:
    """Where the reader at ``path`` should land when they switch to ``language``."""
    page = _page_for_path(request, path)
    if page is not None:
        translated = page.get_translation_or_none(
            Locale.objects.filter(language_code=language).first()
        )
        if translated is not None and translated.live:
            return translated.get_url(request=request)
    current = translation.get_language_from_path(path)
    if current:
        # Resolve the path in its own language: the active one is the cookie's, and
        # i18n_patterns only match the active language's prefix.
        with translation.override(current):
            return translate_url(path, language)
    return f"/{language}/"


@require_GET
def switch_language(request, language: str):
    """Show the page the reader was on, in another language.

    ``next`` must be a path on this site; anything else (another host, a scheme,
    nonsense) sends the reader to the home page in the chosen language. The query
    string comes along, so filters survive a change of language.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    safe = is_same_site(request, next_url) and next_url.startswith("/")
    parts = urlsplit(next_url) if safe else None
    path = parts.path if parts else ""
    target = translated_url(request, path, language) if path else f"/{language}/"
    if not target.startswith("/") or target.startswith("//"):
        target = f"/{language}/"
    elif parts and parts.query:
        target += ("&" if "?" in target else "?") + parts.query
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: this page must render even when the database is down.
    html = get_template("500.html").render({"LANGUAGE_CODE": translation.get_language()})
    return HttpResponseServerError(html)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 — any database failure means unhealthy
        return False
    return True


def _cache_ok() -> bool:
    from home.cache import cache_available

    try:
        return cache_available()
    except Exception:  # noqa: BLE001 — a cache that cannot even be asked is down
        return False


def _broker_state() -> str:
    """ "ok", "down", or "eager" when no broker is configured (tasks run in-process)."""
    if not settings.CELERY_BROKER_URL:
        return "eager"
    from config.celery_app import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
    except Exception:  # noqa: BLE001 — any broker error means it cannot take tasks
        return "down"
    return "ok"


@never_cache
def healthz(request):
    """For load balancers and people on call: each dependency's state, as JSON.

    503 when the database is unreachable (nothing works without it); 200 with
    ``"status": "degraded"`` when only the cache or the broker is down (pages keep
    serving; emails wait in the outbox).
    """
    checks = {
        "database": "ok" if _database_ok() else "down",
        "cache": "ok" if _cache_ok() else "down",
        "broker": _broker_state(),
    }
    if checks["database"] != "ok":
        status = "down"
    elif "down" in checks.values():
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "down" else 200
    )


@login_required
def me(request):
    """The member's own space: every app's section (``home.me``), in one page."""
    return render(request, "home/me.html", {"sections": space.for_request(request)})
