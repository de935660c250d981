from django import template

from community.selectors import unread_request_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_requests(context) -> int:
    """Pending connection requests the member has not looked at yet (header badge)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    cache = getattr(request, "_unread_requests", None)
    if cache is None:
        cache = unread_request_count(user)
        request._unread_requests = cache
    return cache
