"""Programme staff read the network's health: charts and tables, filters, an export; axe-core
finds nothing on a desktop screen or at 320 px, and the page never scrolls sideways."""

import os
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "")


@pytest.fixture
def staff(transactional_db):
    from community.factories import UserFactory, make_member
    from community.models import Connection
    from home.permissions import ensure_groups
    from network import services

    gov = [make_member(sector="national_government", country="KE") for _ in range(7)]
    cs = [make_member(sector="civil_society", country="FR") for _ in range(6)]
    make_member(sector="media", country="BR")
    for a, b in zip(gov, cs, strict=False):
        low, high = Connection.ordered(a.pk, b.pk)
        Connection.objects.create(user_low_id=low, user_high_id=high)
    now = timezone.now()
    services.backfill(days=40, now=now)
    user = UserFactory(email="programmes@example.org", name="Programme Staff", is_staff=True)
    user.groups.add(ensure_groups()["Programme staff"])
    return user


def _shot(page, name):
    """With SCREENSHOT_DIR set: the page, and each chart's section on its own."""
    if not SCREENSHOTS:
        return
    size = page.viewport_size
    # Tall enough for the whole page: the admin scrolls inside its own box.
    page.set_viewport_size({"width": size["width"], "height": 9000})
    page.screenshot(path=os.path.join(SCREENSHOTS, name))
    page.set_viewport_size(size)


def test_programme_staff_read_the_dashboard_at_desktop_and_320px(page, staff):
    from tests.e2e.members import sign_in_as

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(page, staff)
    page.goto("/admin/network/")
    expect(page.get_by_role("heading", name="Network health")).to_be_visible()
    chart = page.get_by_role("img", name="Members over time, by sector family")
    expect(chart).to_be_visible()
    expect(page.locator("table caption").first).to_contain_text("the data")
    assert_accessible(page)
    _shot(page, "network-desktop.png")

    # Filters work without JavaScript: a region and a period from the form.
    page.locator("#id_region").select_option("europe")
    page.locator("#id_period").select_option("90d")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("[data-chart=regions] tbody tr")).to_have_count(1)
    expect(page.locator("[data-chart=regions] tbody")).to_contain_text("Europe")
    assert "region=europe" in page.url

    # An export of the chart's data.
    with page.expect_download() as download:
        page.locator("[data-chart=connections]").get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename.startswith("network-connections-")

    # A date the form cannot read: a clear message, not an error page.
    start = (timezone.now() - timedelta(days=3)).date().isoformat()
    page.goto(f"/admin/network/?period=dates&start={start}&end=2020-01-01")
    expect(page.get_by_role("alert")).to_contain_text("These filters cannot be used")
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/admin/network/")
    expect(
        page.get_by_role("img", name="Connections, and those between government and civil society")
    ).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    _shot(page, "network-320.png")
