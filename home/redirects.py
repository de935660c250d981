from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_same_site(request, url: str) -> bool:
    """Whether ``url`` stays on this site (rejects other hosts, schemes and
    browser-normalised tricks such as ``/\\evil.example``)."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request, fallback: str) -> str:
    """The posted (or queried) ``next`` when it stays on this site, else ``fallback``
    (which may be a URL name)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_same_site(request, target) else resolve_url(fallback)
