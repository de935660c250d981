from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, reverse
from django.views.generic import RedirectView

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views


class AdminLoginRedirect(RedirectView):
    """The Wagtail admin signs people in through allauth's login (rate limits, 2FA)."""

    query_string = True

    def get_redirect_url(self, *args, **kwargs):
        url = reverse("account_login")
        query = self.request.META.get("QUERY_STRING", "")
        return f"{url}?{query}" if query else url


urlpatterns = [
    path("admin/login/", AdminLoginRedirect.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("language/<str:language>/", home_views.switch_language, name="switch_language"),
    path("healthz/", home_views.healthz, name="healthz"),
    # The public read-only API and its OpenAPI document (api/, docs/api.md).
    path("api/", include("api.urls")),
    path("", include("home.urls_root")),
    path("", include("cohorts.credential_urls")),
    path("", include("events.urls_feed")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("notifications/", include("home.notification_urls")),
    path("community/", include("community.urls")),
    path("messages/", include("messaging.urls")),
    path("groups/", include("spaces.urls")),
    path("", include("events.urls")),
    path("cohorts/", include("cohorts.urls")),
    path("award/", include("awards.urls")),
    path("surveys/", include("surveys.urls")),
    path("network/", include("network.urls")),
    path("", include("home.urls")),
    # Wagtail pages (Wagtail's URLs with the translation fallback): keep last.
    path("", include("home.urls_pages")),
    prefix_default_language=True,
)

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    media = settings.MEDIA_URL.strip("/")
    urlpatterns = [
        re_path(rf"^{media}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
