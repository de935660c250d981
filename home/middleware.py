import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language

from csp.middleware import CSPMiddleware, PolicyParts

from home.errors import ServiceError

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


def _same_site(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


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
        if _same_site(request, candidate):
            return candidate
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
