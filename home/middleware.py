from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts


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
