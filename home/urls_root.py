"""Language-neutral URLs crawlers expect at the root: robots.txt and the sitemaps."""

from django.urls import path

from home import sitemaps

urlpatterns = [
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
]
