"""A Redis cache that degrades to a miss when Redis is unreachable.

Django's ``RedisCache`` raises on a connection error, so with Redis down every page
that touches the cache (Wagtail's site root paths: all of them) answers 500. This
backend logs the outage and answers as an empty cache would: ``get`` misses, ``set``
and ``delete`` do nothing, ``add`` reports that nothing was added and ``incr`` that the
key does not exist. After a failure it does not try Redis again for
``RETRY_AFTER`` seconds, so a page with many cache reads does not wait on each.

What must not degrade silently asks :func:`cache_available` first: the sign-in,
sign-up and password-reset rate limits refuse while they cannot be checked
(``home.middleware.AuthRateLimitGuardMiddleware``).
"""

import logging
import threading
import time

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class DegradingRedisCache(RedisCache):
    #: Seconds during which an unreachable Redis is not tried again.
    RETRY_AFTER = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    # -- outage bookkeeping ------------------------------------------------------

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, operation: str, exc: Exception) -> None:
        with self._lock:
            was_up = not self.is_down
            self._down_until = time.monotonic() + self.RETRY_AFTER
        if was_up:
            logger.error("cache unreachable (%s): %s; serving without cache", operation, exc)

    def _call(self, operation: str, default, func, *args, **kwargs):
        if self.is_down:
            return default
        import redis

        try:
            return func(*args, **kwargs)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            self._failed(operation, exc)
            return default

    def ping(self) -> bool:
        """Whether Redis answers now (tries even while marked down)."""
        import redis

        try:
            ok = bool(self._cache.get_client(write=True).ping())
        except (redis.exceptions.RedisError, OSError) as exc:
            self._failed("ping", exc)
            return False
        self._down_until = 0.0
        return ok

    # -- the cache API, degrading ------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._call("incr", missing, super().incr, key, delta, version)
        if value is missing:
            raise ValueError(f"Key {key!r} not found (cache unavailable).")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def clear(self):
        return self._call("clear", False, super().clear)


def cache_available(backend=None) -> bool:
    """Whether the cache can be relied on right now (always, for a local cache)."""
    backend = backend or cache
    ping = getattr(backend, "ping", None)
    if ping is None:
        return True
    if getattr(backend, "is_down", False):
        return False
    return ping()
