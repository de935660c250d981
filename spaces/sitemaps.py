"""The sitemap section "groups": the pages of open and on-request groups only (never a
group by invitation or a secret one), each of which answers 200 without ``noindex``."""

from django.urls import reverse

from home.sitemaps import SiteSitemap
from spaces import selectors
from spaces.models import PUBLIC_ACCESS


class GroupSitemap(SiteSitemap):
    def items(self):
        return selectors.originals().filter(access__in=PUBLIC_ACCESS).order_by("pk")

    def location(self, space):
        return reverse("spaces:space", args=[space.slug])
