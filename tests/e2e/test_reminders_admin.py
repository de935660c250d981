"""Programme staff see who was reminded and set when reminders go, at desktop width and
at 320 px, without JavaScript being needed for the form; axe-core finds nothing."""

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
    from community.factories import UserFactory
    from home.models import SentReminder
    from home.permissions import ensure_groups

    member = UserFactory(email="drafter@example.org")
    deadline = timezone.now() + timedelta(hours=20)
    SentReminder.objects.create(
        source="cohorts.draft_application",
        kind="cohorts.deadline_draft",
        recipient_key=f"user:{member.pk}",
        recipient=member,
        email=member.email,
        target="cohorts.application:7",
        offset=timedelta(days=1),
        deadline=deadline,
    )
    user = UserFactory(email="programmes@example.org", name="Programme Staff", is_staff=True)
    user.groups.add(ensure_groups()["Programme staff"])
    return user


def _shot(page, name):
    if not SCREENSHOTS:
        return
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 1600})
    page.screenshot(path=os.path.join(SCREENSHOTS, name))
    page.set_viewport_size(size)


@pytest.mark.parametrize("width", [1280, 320])
def test_programme_staff_see_reminders_and_set_their_times(page, staff, width):
    from tests.e2e.members import sign_in_as

    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, staff)
    page.goto("/admin/reminders-sent/")
    expect(page.get_by_role("heading", name="Reminders sent")).to_be_visible()
    expect(page.get_by_text("drafter@example.org")).to_be_visible()
    assert_accessible(page)
    assert_fits(page)
    _shot(page, f"reminders-sent-{width}.png")

    page.goto("/admin/reminder-times/")
    field = page.get_by_label("Draft cohort applications")
    field.fill("soon")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“soon” is not a reminder time")).to_be_visible()
    expect(field).to_have_value("soon")  # what was typed is kept
    assert_accessible(page)
    assert_fits(page)
    _shot(page, f"reminder-times-error-{width}.png")
    field.fill("14d, 2d")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Reminder times saved.")).to_be_visible()
    expect(page.get_by_role("cell", name="14 days, 2 days")).to_be_visible()
    _shot(page, f"reminder-times-{width}.png")
