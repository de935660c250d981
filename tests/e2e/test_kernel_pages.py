"""The kernel's own member pages fit a 320 px phone in three languages, and pass axe:
the notification centre and its settings, and the "ask first" pages for cancelling a
place, removing a connection and blocking a member."""

import pytest

from tests.e2e.axe import assert_accessible
from tests.e2e.members import build_member_world, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member_world(seeded_site):
    return build_member_world()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_kernel_member_pages_fit_a_phone(page, member_world, language):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, member_world["member"])
    paths = [
        f"/{language}/notifications/",
        f"/{language}/notifications/settings/",
        f"/{language}/my-events/{member_world['registration'].pk}/cancel/",
        f"/{language}/community/network/remove/?user={member_world['peer'].pk}",
        f"/{language}/community/network/block/?user={member_world['peer'].pk}",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px"
        assert_accessible(page)
