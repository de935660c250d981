"""Language-neutral URLs crawlers expect at the root: robots.txt and the sitemap index."""

from django.urls import path

from content import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
]
