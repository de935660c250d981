from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    """The posted (or queried) ``next`` when it stays on this site, else ``fallback``.

    ``fallback`` may be a URL name. Rejects other hosts, schemes and browser-normalised
    tricks such as ``/\\evil.example``.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback)
