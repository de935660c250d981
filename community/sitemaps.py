"""The community's sitemap section: public profiles whose members chose to be found by
search engines (``Profile.allow_search_engines``). Registered in ``apps.ready()``."""

from django.urls import reverse

from community.models import Profile
from home.sitemaps import SiteSitemap


class MemberSitemap(SiteSitemap):
    def items(self):
        return Profile.objects.indexable().order_by("pk")

    def location(self, profile):
        return reverse("community:profile", args=[profile.pk])

    def lastmod(self, profile):
        return profile.updated_at
