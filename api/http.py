"""What every API answer goes through (``gate``): read-only methods, the language, the
partner token, rate limits, ETags and ``Cache-Control``, CORS, and the token's use log.

The API reads as an anonymous visitor, whoever asks: a signed-in session is ignored
(``request.user`` is anonymous inside the API), and a partner token adds only what its
scopes allow (the registrations of events its organisation co-hosts). So nothing about a
person is ever shown beyond what an anonymous visitor sees on the site.
"""

import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt

from api import services
from api.errors import ApiError, api_error
from home import links

READ_METHODS = {"GET", "HEAD"}
DEFAULT_LIMITS = {"anonymous": [(60, 60), (1000, 3600)], "token": [(600, 60), (20000, 3600)]}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After, Content-Language, Link",
}


# ---------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------
def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def request_language(request) -> str:
    """``?lang=`` when given (an unknown one is refused), else the best match of
    ``Accept-Language``, else the site's default language."""
    codes = _languages()
    if "lang" in request.GET:
        value = request.GET.get("lang", "").strip().lower()
        if value not in codes:
            raise api_error("unknown_lang", value=value[:20])
        return value
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:500]
    for code, _quality in parse_accept_lang_header(header):
        base = code.split("-")[0].lower()
        if base in codes:
            return base
    return settings.LANGUAGE_CODE.split("-")[0]


# ---------------------------------------------------------------------------
# Rate limits (fixed windows in the cache, as home.throttle: atomic on Redis)
# ---------------------------------------------------------------------------
def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request, token) -> int | None:
    """Count this request; the seconds to wait when over a limit, else None."""
    limits = getattr(settings, "API_RATE_LIMITS", DEFAULT_LIMITS)
    kind = "token" if token is not None else "anonymous"
    ident = f"t{token.pk}" if token is not None else _client_address(request)
    now = time.time()
    for reads, seconds in limits.get(kind, ()):
        window = int(now // seconds)
        key = f"throttle:api:{ident}:{seconds}:{window}"
        if cache.add(key, 1, timeout=seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:
                continue
        if count > reads:
            return max(1, math.ceil((window + 1) * seconds - now))
    return None


# ---------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------
def error_response(error: ApiError) -> JsonResponse:
    response = JsonResponse({"code": error.code, "detail": error.message}, status=error.status)
    response["Cache-Control"] = "no-store"
    return response


def _etag(content: bytes) -> str:
    return f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'


def _matches(header: str, etag: str) -> bool:
    wanted = {tag.strip() for tag in header.split(",")}
    bare = etag[2:]
    return "*" in wanted or etag in wanted or bare in wanted or f"W/{bare}" in wanted


def _finish(request, response, *, token, language):
    if response.status_code == 404:
        request.urlconf = "api.urlconf"  # see api.urlconf
    for name, value in CORS_HEADERS.items():
        response[name] = value
    response["Content-Language"] = language
    patch_vary_headers(response, ("Accept-Language", "Authorization"))
    if response.status_code == 200 and not response.streaming:
        etag = _etag(response.content)
        response["ETag"] = etag
        if token is not None:
            response["Cache-Control"] = "private, max-age=0, must-revalidate"
        else:
            seconds = getattr(settings, "API_CACHE_SECONDS", 60)
            response["Cache-Control"] = f"public, max-age={seconds}"
        if _matches(request.META.get("HTTP_IF_NONE_MATCH", ""), etag):
            not_modified = HttpResponse(status=304)
            for name in ("ETag", "Cache-Control", "Vary", "Content-Language", *CORS_HEADERS):
                if name in response:
                    not_modified[name] = response[name]
            return not_modified
    elif "Cache-Control" not in response:
        response["Cache-Control"] = "no-store"
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Authorization, Accept-Language, If-None-Match"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _bearer(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    scheme, _space, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return ""
    return value.strip()


def gate(view):
    """Wrap one of ninja's URL views (see ``api.urls``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _preflight()
        language = settings.LANGUAGE_CODE
        token = None
        try:
            if request.method not in READ_METHODS:
                raise api_error("method")
            raw = _bearer(request)
            if raw is not None:
                token = services.token_for(raw)
                if token is None:
                    raise api_error("bad_token")
            language = request_language(request)
        except ApiError as error:
            with translation.override(language):
                response = error_response(error)
                if error.code == "method":
                    response["Allow"] = "GET, HEAD, OPTIONS"
                return _finish(request, response, token=None, language=language)
        # The API reads as an anonymous visitor (module docstring).
        request.user = AnonymousUser()
        request.api_token = token
        with translation.override(language):
            request.LANGUAGE_CODE = language
            retry_after = over_limit(request, token)
            if retry_after:
                response = error_response(api_error("throttled", seconds=retry_after))
                response["Retry-After"] = str(retry_after)
            else:
                response = view(request, *args, **kwargs)
            response = _finish(request, response, token=token, language=language)
        if token is not None:
            services.record_use(
                token=token,
                method=request.method,
                path=request.get_full_path(),
                status=response.status_code,
            )
        return response

    return csrf_exempt(wrapped)


# ---------------------------------------------------------------------------
# Cursor pagination (keyset over (key, id): stable while rows are added)
# ---------------------------------------------------------------------------
_CURSOR_SALT = "api.cursor"


def page_of(request, queryset, *, key: str, descending: bool = False, cursor=None, size=20):
    """One page of ``queryset`` ordered by ``key`` then id, after ``cursor``.

    Returns ``(rows, next_url)``. The cursor is signed: a changed or invented one is
    refused with a clear 400, never a 500."""
    direction = "-" if descending else ""
    queryset = queryset.order_by(f"{direction}{key}", f"{direction}pk")
    if cursor:
        try:
            signed_key, value, pk = signing.loads(cursor[:500], salt=_CURSOR_SALT)
            pk = int(pk)
        except (signing.BadSignature, ValueError, TypeError):
            raise api_error("bad_cursor") from None
        if signed_key != f"{request.path}:{key}":  # a cursor from another list
            raise api_error("bad_cursor")
        op = "lt" if descending else "gt"
        queryset = queryset.filter(
            Q(**{f"{key}__{op}": value}) | Q(**{key: value, f"pk__{op}": pk})
        )
    rows = list(queryset[: size + 1])
    next_url = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        value = last
        for part in key.split("__"):
            value = getattr(value, part)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        cursor = signing.dumps(
            [f"{request.path}:{key}", value, last.pk], salt=_CURSOR_SALT, compress=False
        )
        params = request.GET.copy()
        params["cursor"] = cursor
        next_url = links.absolute(request.path + "?" + params.urlencode())
    return rows, next_url
