"""Where each page type may live (Wagtail's own test case, in a module of its own:
it closes the connection after its last test, which modules that share data per module
cannot have)."""

from wagtail.test.utils import WagtailPageTestCase

from community.models import DirectoryPage
from home.models import HomePage, StandardPage


class TestDirectoryPageType(WagtailPageTestCase):
    def test_parent_rules(self):
        self.assertCanCreateAt(HomePage, DirectoryPage)
        self.assertCanCreateAt(StandardPage, DirectoryPage)
        self.assertCanNotCreateAt(DirectoryPage, StandardPage)
