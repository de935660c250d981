"""Wagtail's page URLs, with page serving replaced by the kernel's translation fallback.

Used in place of ``include(wagtail.urls)`` as the last pattern of i18n_patterns; the
name ``wagtail_serve`` is kept so page URLs reverse exactly as before.
"""

from django.urls import re_path

from wagtail.urls import serve_pattern
from wagtail.urls import urlpatterns as wagtail_patterns

from home import serving

urlpatterns = [
    *[pattern for pattern in wagtail_patterns if getattr(pattern, "name", "") != "wagtail_serve"],
    re_path(serve_pattern, serving.serve, name="wagtail_serve"),
]
