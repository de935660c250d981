"""RSS and Atom feeds of each index (stories, resources, news): summaries only, no people.

Every address is on SITE_URL (``home.links``), never the request's host. The Atom feed is
valid RFC 4287: the feed has an ``<author>`` (the organisation), an ``<id>`` and an
``<updated>``, and so does each entry (``<id>``, ``<updated>``).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed

from content import selectors
from home import links

FEED_ITEMS = 20


class IndexRssFeed(Feed):
    def get_object(self, request, index_page=None):
        return index_page

    def _url(self, page) -> str:
        return links.page_url(page, translation.get_language())

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return self._url(obj)

    def feed_url(self, obj):
        return f"{self._url(obj)}feed/{'atom' if self.feed_type is Atom1Feed else 'rss'}/"

    def feed_guid(self, obj):
        return self._url(obj)

    def description(self, obj):
        return obj.intro

    def author_name(self, obj):
        from home.models import SiteSettings

        settings_row = SiteSettings.for_active_locale()
        return getattr(settings_row, "organisation_name", "") or settings.WAGTAIL_SITE_NAME

    def author_link(self, obj):
        return links.origin() + "/"

    def items(self, obj):
        return selectors.index_listing(obj, filters={})[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return self._url(item)

    def item_guid(self, item):
        return self._url(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at or timezone.now()


class IndexAtomFeed(IndexRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return obj.intro
