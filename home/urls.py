"""The site frame's URLs inside i18n_patterns: the member's space, site search, and the old per-language
sitemap address (now the sitemap index at the root)."""

from django.urls import path
from django.views.generic import RedirectView

from home import search, views

urlpatterns = [
    path("me/", views.me, name="me"),
    path("search/", search.search, name="search"),
    path("sitemap.xml", RedirectView.as_view(url="/sitemap.xml", permanent=True)),
]
