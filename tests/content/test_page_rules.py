"""Where each page type may live (Wagtail's own test case, in a module of its own:
it closes the connection after its last test, which modules that share data per module
cannot have)."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import (
    GuideChapterPage,
    GuidePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StoryIndexPage,
    StoryPage,
    ThemeIndexPage,
    ThemePage,
)
from home.models import HomePage, StandardPage


class TestWhereEachPageTypeMayLive(WagtailPageTestCase):
    def test_indexes_live_under_the_home_page_only(self):
        for index in (StoryIndexPage, ResourceIndexPage, NewsIndexPage, ThemeIndexPage):
            self.assertCanCreateAt(HomePage, index)
            self.assertCanNotCreateAt(StandardPage, index)
            self.assertCanNotCreateAt(Page, index)

    def test_items_live_under_their_index_only(self):
        self.assertCanCreateAt(StoryIndexPage, StoryPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)
        self.assertCanNotCreateAt(ResourceIndexPage, StoryPage)
        self.assertCanCreateAt(ResourceIndexPage, ResourcePage)
        self.assertCanCreateAt(ResourceIndexPage, GuidePage)
        self.assertCanNotCreateAt(StoryIndexPage, ResourcePage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanCreateAt(ThemeIndexPage, ThemePage)
        self.assertCanNotCreateAt(HomePage, ThemePage)

    def test_chapters_live_under_a_guide_only(self):
        self.assertCanCreateAt(GuidePage, GuideChapterPage)
        self.assertCanNotCreateAt(ResourcePage, GuideChapterPage)
        self.assertCanNotCreateAt(ResourceIndexPage, GuideChapterPage)
        self.assertCanNotCreateAt(StoryPage, StoryPage)

    def test_leaf_pages_have_no_children(self):
        for leaf in (StoryPage, ResourcePage, NewsPage, ThemePage, GuideChapterPage):
            self.assertAllowedSubpageTypes(leaf, {})
