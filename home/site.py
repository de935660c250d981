"""Keep Wagtail's default Site in step with ``SITE_URL``.

Wagtail builds its own absolute links (admin "view live", ``page.full_url``) from the
default Site's hostname and port. ``sync_site()`` sets them from ``SITE_URL``: after every
``migrate``, in ``seed_demo``, and by ``manage.py sync_site`` for deployments.
"""

import contextlib
from urllib.parse import urlsplit

from django.conf import settings


def site_address() -> tuple[str, int]:
    parts = urlsplit(settings.SITE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname or "localhost", port


def sync_site() -> bool:
    """Point the default Site at ``SITE_URL``. Returns True when something changed."""
    from wagtail.models import Site

    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return True


def sync_after_migrate(sender, **kwargs):
    from django.db import DatabaseError

    with contextlib.suppress(DatabaseError):  # tables not there yet (a partial migrate)
        sync_site()
