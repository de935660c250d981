"""Reading people faster than a person can is answered 429 (scraping throttle).

A signed-in member's reads of profiles and directory pages are counted in the cache,
in fixed windows (``cache.add`` then ``cache.incr``: atomic on Redis, shared by every
web process). Past the limit of any window the member gets a friendly page in their
language with a ``Retry-After`` header. The limits are ``THROTTLE_PEOPLE_READS``:
a list of ``(reads, seconds)``; the default allows 60 reads a minute (a burst: a
directory page and the profiles opened from it) and 600 an hour (ten a minute on
average, more than anyone reads by hand). Staff (admin access) get
``THROTTLE_STAFF_FACTOR`` times as many. Anonymous visitors are not counted here:
they see only public profiles. When the cache is unreachable nothing is counted and
reading goes on (see ``home.cache``).
"""

import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse

from home.permissions import can_access_admin

logger = logging.getLogger(__name__)

DEFAULT_PEOPLE_READS = ((60, 60), (600, 3600))


def _limits(user) -> list[tuple[int, int]]:
    limits = getattr(settings, "THROTTLE_PEOPLE_READS", DEFAULT_PEOPLE_READS) or ()
    factor = getattr(settings, "THROTTLE_STAFF_FACTOR", 5)
    if factor and can_access_admin(user):
        return [(reads * factor, seconds) for reads, seconds in limits]
    return [(int(reads), int(seconds)) for reads, seconds in limits]


def _count(key: str, seconds: int) -> int | None:
    """The hit count in this window after this hit, or None when it cannot be counted."""
    if cache.add(key, 1, timeout=seconds + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired since the add, or the cache is unreachable
        return None


def hit(request, scope: str = "people") -> int | None:
    """Count one read; return the seconds to wait when over a limit, else None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    now = time.time()
    for reads, seconds in _limits(user):
        window = int(now // seconds)
        count = _count(f"throttle:{scope}:{user.pk}:{seconds}:{window}", seconds)
        if count is not None and count > reads:
            retry_after = max(1, math.ceil((window + 1) * seconds - now))
            logger.warning("throttled %s for member %s (%s/%ss)", scope, user.pk, reads, seconds)
            return retry_after
    return None


def throttled_response(request, retry_after: int):
    response = TemplateResponse(
        request,
        "home/throttled.html",
        {"retry_after": retry_after, "minutes": max(1, math.ceil(retry_after / 60))},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def check(request, scope: str = "people"):
    """The 429 response when this read is over a limit, else None."""
    retry_after = hit(request, scope)
    return throttled_response(request, retry_after) if retry_after else None


def throttle(scope: str = "people"):
    """Decorate a view whose reads count towards ``scope``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return check(request, scope) or view(request, *args, **kwargs)

        return wrapped

    return decorator
