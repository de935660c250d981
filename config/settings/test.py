"""The test suite. DATABASE_URL, CELERY_BROKER_URL and REDIS_URL still come from the env,
so .ci/run exercises PostgreSQL and Redis while `make test` uses SQLite and eager tasks."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests see what a view renders; tests/home/test_page_cache.py switches the page cache on.
PAGE_CACHE_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
ACCOUNT_RATE_LIMITS = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
# Tasks run in-process so tests are deterministic; the tests that exercise a real
# broker (CELERY_BROKER_URL set, as in .ci/run) switch eager mode off themselves.
CELERY_TASK_ALWAYS_EAGER = True
# Parallel test processes (pytest-xdist) each get their own queue on the shared broker,
# so one process's worker never runs another's tasks against the wrong database.
if os.environ.get("PYTEST_XDIST_WORKER"):
    CELERY_TASK_DEFAULT_QUEUE = f"tests-{os.environ['PYTEST_XDIST_WORKER']}"
# The locmem cache lives for the whole run and member ids repeat between tests, so the
# scraping throttle would count reads across tests; tests/home/test_throttle.py sets
# its own limits.
THROTTLE_PEOPLE_READS = [(100_000, 60)]
# One generated issuer key for the run (tests/cohorts/test_credentials.py uses its own).
CREDENTIAL_KEYS = ""
CREDENTIAL_KEYS_FILE = str(BASE_DIR / "var" / "test-credential-keys.json")
CREDENTIAL_KEYS_AUTOGENERATE = True
# The API's rate limits (api.http) likewise; tests/api/test_http.py sets its own.
API_RATE_LIMITS = {"anonymous": [(100_000, 60)], "token": [(100_000, 60)]}
