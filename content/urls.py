"""Content URLs inside i18n_patterns: site search and the per-language sitemap."""

from django.urls import path

from content import views

app_name = "content"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]
