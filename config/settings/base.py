"""Settings every environment shares.

Environments differ only by environment variables, all declared here once, with
their types and defaults. See docs/deployment.md for the production set.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

# ---------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------
env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, "dev-only-insecure-key-change-me"),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost", "testserver"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    DATABASE_URL=(str, f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    DATABASE_CONN_MAX_AGE=(int, 60),
    REDIS_URL=(str, ""),
    CELERY_BROKER_URL=(str, ""),
    EMAIL_URL=(str, ""),
    ANYMAIL_ESP=(str, ""),
    DEFAULT_FROM_EMAIL=(str, ""),
    SITE_URL=(str, "http://127.0.0.1:8000"),
    MEDIA_ROOT=(str, str(VAR_DIR / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "staticfiles")),
    AWS_STORAGE_BUCKET_NAME=(str, ""),
    SECURE_HSTS_SECONDS=(int, 60 * 60 * 24 * 365),
    OUTBOX_MAX_ATTEMPTS=(int, 8),
    OUTBOX_SWEEP_AFTER_SECONDS=(int, 120),
    PAGE_CACHE_ENABLED=(bool, True),
    PAGE_CACHE_SECONDS=(int, 300),
)
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    # Our apps first, so their templates override the libraries'.
    "home",
    "community",
    "cohorts",
    "events",
    "awards",
    "content",
    "messaging",
    "spaces",
    "surveys",
    "network",
    "api",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_countries",
    "csp",
    "ninja",
]

MIDDLEWARE = [
    # Answers that cannot change within a request (the active locale) are looked up once.
    "home.request_memo.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML is compressed (static files come compressed from WhiteNoise); with random
    # padding against BREACH (docs/deployment.md, "Caching").
    "django.middleware.gzip.GZipMiddleware",
    # Visitors' pages from the cache, before anything that reads the database
    # (home/page_cache.py); kept uncompressed, with their Content-Security-Policy.
    "home.page_cache.PageCacheMiddleware",
    "home.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Responses to signed-in members are private, no-store unless a view marks them public.
    "home.middleware.PrivateCacheMiddleware",
    # A visitor's POST-only action (Connect, ...) lands back on its page after sign-in.
    "home.middleware.ResumeAfterSignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Sign-in, sign-up and reset refuse while their rate limits cannot be checked.
    "home.middleware.AuthRateLimitGuardMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A refused write (home.errors.ServiceError) answers the same way on every view.
    "home.middleware.ServiceErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "community.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_chrome",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env("DATABASE_CONN_MAX_AGE")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent writers
    # queue on the lock instead of failing with "database is locked" mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    VAR_DIR.mkdir(exist_ok=True)

# ---------------------------------------------------------------------------
# Cache
# ---------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Degrades to a miss when Redis is unreachable (home.cache): pages keep serving.
            "BACKEND": "home.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ogc",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (home/page_cache.py): kept and sent to proxies for this long.
PAGE_CACHE_ENABLED = env("PAGE_CACHE_ENABLED")
PAGE_CACHE_SECONDS = env("PAGE_CACHE_SECONDS")
# Sessions read from the cache, written through to the database (which outlives a
# cache flush or a Redis outage).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# ---------------------------------------------------------------------------
# Celery
# ---------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# A broker that is down must not hold up a web request: publishing fails fast,
# the outbox row stays pending and the sweep hands it over later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "max_retries": 0,
}
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "home.tasks.outbox_sweep", "schedule": 60.0},
    "events-reminders": {"task": "events.tasks.send_reminders", "schedule": 300.0},
    # Files kept across a form error that nobody came back for (home.pending_uploads).
    "pending-uploads-purge": {"task": "home.tasks.pending_uploads_purge", "schedule": 3600.0},
    # Reminders before every deadline (home.reminders): each once per person and time.
    "reminders-send": {"task": "home.tasks.reminders_send", "schedule": 900.0},
    # Mentoring and peer exchanges whose period ended: ask both, once, how it went.
    "exchanges-ask-feedback": {
        "task": "messaging.tasks.exchanges_ask_feedback",
        "schedule": 3600.0,
    },
    # Events and cohorts that ended: their surveys, once per person (surveys.tasks).
    "surveys-send-due": {"task": "surveys.tasks.send_due", "schedule": 3600.0},
    # Digests at 07:00 UTC: every day, and on Mondays for the week.
    "digest-daily": {
        "task": "home.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "digest-weekly": {
        "task": "home.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ("weekly",),
    },
    # The network's daily figures (network/figures.py), just after midnight UTC.
    "network-snapshot": {
        "task": "network.tasks.take_daily_snapshot",
        "schedule": crontab(hour=0, minute=10),
    },
}

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
# The sender is on the site's own domain unless DEFAULT_FROM_EMAIL names one.
_SITE_HOST = urlsplit(SITE_URL).hostname or "localhost"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL") or f"OpenGov Collective <noreply@{_SITE_HOST}>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("ANYMAIL_ESP"):
    # e.g. ANYMAIL_ESP=postmark with ANYMAIL_POSTMARK_SERVER_TOKEN set in the env.
    EMAIL_BACKEND = f"anymail.backends.{env('ANYMAIL_ESP')}.EmailBackend"
    ANYMAIL = {
        key[len("ANYMAIL_") :]: value
        for key, value in env.ENVIRON.items()
        if key.startswith("ANYMAIL_") and key != "ANYMAIL_ESP"
    }
elif env("EMAIL_URL"):
    # e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.org:587
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
OUTBOX_MAX_ATTEMPTS = env("OUTBOX_MAX_ATTEMPTS")
OUTBOX_SWEEP_AFTER_SECONDS = env("OUTBOX_SWEEP_AFTER_SECONDS")

# ---------------------------------------------------------------------------
# Accounts (django-allauth)
# ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Permissions in one query (first, so its cache serves the others); signs no one in.
    "home.auth_backends.PermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address (in the browser that signed up) signs the member in (issue 11).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
# A reset asked for an address with no account sends nothing (the page says the same).
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Tell members when their password, email addresses or two-step verification change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_SIGNUP_FORM_CLASS = "community.forms.SignupForm"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "OpenGov Collective"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "me"  # the member's space, in their language (home/me.py)
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---------------------------------------------------------------------------
# Languages
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates, times and numbers through locale formats; ours refine Django's (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "ogc_language"
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

# ---------------------------------------------------------------------------
# Static and media
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# The site serves uploaded media itself only where nothing stands in front of it
# (DEBUG, and `make run`: config/settings/demo.py).
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env("AWS_STORAGE_BUCKET_NAME"):
    # Media on object storage; credentials and region come from the standard
    # AWS_* variables that django-storages reads itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Verifiable certificates (cohorts/credential_keys.py): the issuer's Ed25519 key ring,
# as JSON in CREDENTIAL_KEYS, or in a file (default PRIVATE_ROOT/credentials/
# issuer-keys.json); generated on first use only where CREDENTIAL_KEYS_AUTOGENERATE.
CREDENTIAL_KEYS = env.str("CREDENTIAL_KEYS", default="")
CREDENTIAL_KEYS_FILE = env.str("CREDENTIAL_KEYS_FILE", default="")
CREDENTIAL_KEYS_AUTOGENERATE = env.bool("CREDENTIAL_KEYS_AUTOGENERATE", default=DEBUG)

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "OpenGov Collective"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# ---------------------------------------------------------------------------
# Security (tightened further in production.py)
# ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# The public site runs no inline script; styles are in one stylesheet.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin still needs inline scripts and styles; it gets its own policy.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "home": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# ---------------------------------------------------------------------------
# Scraping throttle (home.throttle): a signed-in member's reads of profiles and
# directory pages, as (reads, seconds) windows; staff get THROTTLE_STAFF_FACTOR times.
# ---------------------------------------------------------------------------
THROTTLE_PEOPLE_READS = [(60, 60), (600, 3600)]
THROTTLE_STAFF_FACTOR = 5

# The public API (api/, docs/api.md): requests per (count, seconds) window, per client
# address for anonymous callers and per token for partners; how long answers may be kept.
API_RATE_LIMITS = {"anonymous": [(60, 60), (1000, 3600)], "token": [(600, 60), (20000, 3600)]}
API_CACHE_SECONDS = 60
