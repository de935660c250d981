"""`make run`: the demo served as production serves it, on this machine over plain HTTP.

DEBUG is off, gunicorn serves the site, WhiteNoise serves the static files from a
compressed manifest, and a missing page or a failure shows the site's own pages. What
differs from production is only what HTTPS on a real domain needs (HSTS, secure cookies,
the SSL redirect) and the uploaded media, which the site serves itself here because no
web server or bucket stands in front of it. `make dev` keeps runserver and DEBUG.
"""

import secrets

from .base import *  # noqa: F403
from .base import SECRET_KEY, STORAGES, VAR_DIR

DEBUG = False
SERVE_MEDIA = True
# The demo signs its certificates with a key generated into var/private on first use.
CREDENTIAL_KEYS_AUTOGENERATE = True

if SECRET_KEY.startswith("dev-only"):
    # A key of its own per checkout, kept in var/ (never committed), so that sessions
    # survive a restart of `make run`.
    _key_file = VAR_DIR / "demo-secret-key"
    if not _key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        _key_file.write_text(secrets.token_urlsafe(64))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
