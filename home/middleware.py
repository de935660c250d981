import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from csp.middleware import CSPMiddleware, PolicyParts

from home.errors import ServiceError
from home.redirects import is_same_site

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second, looser policy for the Wagtail admin only.

    The public site allows no inline script at all; the admin's own interface
    still relies on inline scripts and styles, so it gets CONTENT_SECURITY_POLICY_ADMIN.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


def refusal_back_url(request) -> str:
    """The page a refused POST goes back to: the posted ``next``, the view's choice
    (``home.errors.return_to``), the page the form was on, else the home page in the
    reader's language."""
    for candidate in (
        request.POST.get("next", "") if request.method == "POST" else "",
        request.GET.get("next", ""),
        getattr(request, "service_error_return_to", ""),
        request.META.get("HTTP_REFERER", ""),
    ):
        if is_same_site(request, candidate):
            parts = urlsplit(candidate)  # a same-site absolute Referer becomes a path
            return urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return f"/{get_language() or settings.LANGUAGE_CODE}/"


class ServiceErrorMiddleware:
    """The one way a refused write reaches the person (see ``home.errors``).

    A ``ServiceError`` raised by a view is answered the same way everywhere: after a
    POST, its translated message as an error message and a redirect back to a safe page
    on this site (so a reload does not post again); after a GET, a page saying why, with
    the error's HTTP status. Views that re-show a form catch the error themselves and
    attach ``error.message`` to the form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ServiceError):
            return None
        logger.info(
            "refused %s %s: %s.%s",
            request.method,
            request.path,
            type(exception).__name__,
            exception.code,
        )
        if request.method not in {"GET", "HEAD"}:
            messages.error(request, exception.message)
            return redirect(refusal_back_url(request))
        return render(
            request,
            "home/refused.html",
            {"message": exception.message, "back": refusal_back_url(request)},
            status=exception.status,
        )


#: What every response to a signed-in member carries unless a view marked it public.
PRIVATE_CACHE_CONTROL = "private, no-store"


def mark_public(response):
    """Let shared caches keep this response even for a signed-in member (the view
    vouches that it does not depend on who asks). Returns the response."""
    response.cache_public = True
    return response


class PrivateCacheMiddleware:
    """Pages for a signed-in member never land in a shared or browser cache.

    A member's pages carry their name, counts and private data; a proxy or the back
    button on a shared computer must not show them to the next person. Every response
    to a signed-in request gets ``Cache-Control: private, no-store`` (replacing what a
    view set), unless the view marked it public with :func:`mark_public`. Anonymous
    responses are left as the view made them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not getattr(response, "cache_public", False)
        ):
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            if "Expires" in response:
                del response["Expires"]
        return response


#: allauth views whose POST consumes a rate limit (ACCOUNT_RATE_LIMITS): they refuse
#: while the cache that counts the attempts is unreachable.
RATE_LIMITED_ACCOUNT_VIEWS = frozenset(
    {
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_from_key",
        "account_change_password",
        "account_set_password",
        "account_email",
        "account_confirm_email",
        "account_request_login_code",
        "account_confirm_login_code",
        "mfa_authenticate",
    }
)


class AuthRateLimitGuardMiddleware:
    """Fail closed: no sign-in, sign-up or reset attempt while its limit cannot be counted.

    allauth counts attempts in the cache; with the cache unreachable it could not tell
    a password-guessing run from a person. The POST is refused with a message and the
    form shown again; reading the forms (GET) still works.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not getattr(settings, "ACCOUNT_RATE_LIMITS", None):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name not in RATE_LIMITED_ACCOUNT_VIEWS:
            return None
        from home.cache import cache_available

        if cache_available():
            return None
        from django.utils.translation import gettext as _

        logger.warning("refused %s: rate limits cannot be checked", match.url_name)
        messages.error(
            request,
            _(
                "We cannot check this request safely right now, so it was not sent. "
                "Please try again in a few minutes."
            ),
        )
        return redirect(request.get_full_path())


class ResumeAfterSignInMiddleware:
    """A visitor's POST-only action survives signing in.

    ``login_required`` sends an anonymous POST to the sign-in page with ``next`` set to
    the action's own URL, which then answers 405 to the GET after sign-in. For a POST,
    ``next`` becomes the page the action was offered on instead (the posted ``next``,
    else the ``Referer`` when it is on this site, else the home page), so the member
    lands back where they were, with the action offered again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in {"GET", "HEAD", "OPTIONS"} or response.status_code not in {
            301,
            302,
            303,
        }:
            return response
        user = getattr(request, "user", None)
        if user is None or user.is_authenticated:
            return response
        from urllib.parse import parse_qs, urlencode

        from django.shortcuts import resolve_url

        location = urlsplit(response.get("Location", ""))
        login = urlsplit(resolve_url(settings.LOGIN_URL))
        if location.path != login.path:
            return response
        query = parse_qs(location.query)
        if (
            query.get("next", [""])[0] != request.get_full_path()
            and query.get("next", [""])[0] != request.path
        ):
            return response
        query["next"] = [refusal_back_url(request)]
        response["Location"] = location._replace(query=urlencode(query, doseq=True)).geturl()
        return response
