"""Where each page type may live (Wagtail's own test case, in a module of its own:
it closes the connection after its last test, which modules that share data per module
cannot have)."""

from wagtail.test.utils import WagtailPageTestCase

from awards.models import AwardIndexPage, AwardProgrammePage
from home.models import HomePage


class TestPageRules(WagtailPageTestCase):
    def test_parents_and_children(self):
        self.assertCanCreateAt(HomePage, AwardIndexPage)
        self.assertCanCreateAt(AwardIndexPage, AwardProgrammePage)
        self.assertCanNotCreateAt(HomePage, AwardProgrammePage)
        self.assertAllowedSubpageTypes(AwardProgrammePage, set())
