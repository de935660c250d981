"""RSS and Atom feeds of each index (stories, resources, news): summaries only, no people."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from content import selectors
from content.templatetags.content_tags import reader_url

FEED_ITEMS = 20


class IndexRssFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index_page=None):
        return index_page

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.url

    def description(self, obj):
        return obj.intro

    def items(self, obj):
        return selectors.index_listing(obj, filters={})[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return reader_url({"request": self.request}, item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class IndexAtomFeed(IndexRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return obj.intro
