"""Where each page type may live (Wagtail's own test case, in a module of its own:
it closes the connection after its last test, which modules that share data per module
cannot have)."""

from wagtail.test.utils import WagtailPageTestCase

from cohorts.models import CohortPage, ProgrammePage
from home.models import HomePage, StandardPage


class TestPageRules(WagtailPageTestCase):
    def test_where_pages_go(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(ProgrammePage, {CohortPage})
        self.assertAllowedParentPageTypes(CohortPage, {ProgrammePage})
        self.assertAllowedSubpageTypes(CohortPage, set())
        self.assertCanNotCreateAt(HomePage, CohortPage)
