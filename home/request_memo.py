"""Answers that stay the same for the length of one request, looked up once.

Wagtail asks for the active locale (``Locale.get_active()``) every time a page URL,
a translation or a snippet is resolved: the theme page alone asked 19 times, each a
query. Locales change only when an administrator adds a language, so within one
request the answer cannot change. :class:`RequestMemoMiddleware` opens a memo for each
request; :func:`memo` reads from it; outside a request (a task, a command, the shell)
nothing is memoised and every call asks the database as before.

The memo lives in a context variable, so threads and async tasks each see their own.
"""

from contextvars import ContextVar

_MEMO: ContextVar[dict | None] = ContextVar("request_memo", default=None)

_MISSING = object()


def memo(key, compute):
    """``compute()``, once per request for ``key``; every call outside a request."""
    store = _MEMO.get()
    if store is None:
        return compute()
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = store[key] = compute()
    return value


def forget(prefix) -> None:
    """Drop the memoised answers whose key starts with ``prefix`` (after a write)."""
    store = _MEMO.get()
    if store:
        for key in [key for key in store if key[0] == prefix]:
            del store[key]


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _MEMO.set({})
        try:
            return self.get_response(request)
        finally:
            _MEMO.reset(token)


def memoise_locale_lookups() -> None:
    """Make ``Locale.objects.get_for_language`` (behind ``Locale.get_active`` and
    ``get_default``) answer from the request's memo, and across requests from the chrome
    cache (``home.chrome.shared``). A missing language still raises
    ``Locale.DoesNotExist`` each time, as Wagtail expects."""
    from wagtail.models.i18n import LocaleManager

    if getattr(LocaleManager.get_for_language, "memoised", False):
        return
    lookup = LocaleManager.get_for_language

    def get_for_language(self, language_code):
        from home.chrome import shared

        def find():
            try:
                return lookup(self, language_code)
            except self.model.DoesNotExist:
                return None

        # Across requests too, until content changes (a new Locale starts a new generation).
        found = shared(("locale", self.db, language_code), find)
        if found is None:
            raise self.model.DoesNotExist(f"No locale for {language_code!r}.")
        return found

    get_for_language.memoised = True
    LocaleManager.get_for_language = get_for_language
