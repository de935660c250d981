"""A reformer joins a cohort: applies (with a draft), is reviewed, accepted, takes part,
completes, and a stranger verifies their certificate. axe-core checks every public page."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def journey(seeded_site):
    from wagtail.models import Locale

    from cohorts.factories import CohortPageFactory, ProgrammePageFactory, _question
    from cohorts.permissions import ensure_groups
    from community.factories import UserFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))
    programme = ProgrammePageFactory(parent=home, title="Leadership Collective", slug="leadership")
    cohort = CohortPageFactory(
        parent=programme,
        title="Americas cohort",
        slug="americas",
        questions=[
            ("question", _question("short_text", "Your reform in one line", True)),
            ("question", _question("long_text", "What do you hope to learn?", True)),
        ],
    )
    member = UserFactory(email="lucia@example.org", name="Lucía Fernández")
    staff = UserFactory(email="staff@example.org", name="Programme Staff", is_staff=True)
    staff.groups.add(ensure_groups()["Programme staff"])
    return {"programme": programme, "cohort": cohort, "member": member, "staff": staff}


def sign_in(page, email):
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")


def test_a_reformer_joins_a_cohort(page, browser, live_server, journey):
    cohort = journey["cohort"]

    # A member starts an application and saves a draft.
    sign_in(page, "lucia@example.org")
    page.goto(cohort.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Americas cohort")
    assert_accessible(page)
    page.get_by_role("link", name="Apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your application")
    assert_accessible(page)
    page.get_by_label("Your reform in one line").fill("Open budgets in Medellín")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved")

    # She comes back later and submits.
    page.goto("/en/")
    page.goto(cohort.url)
    page.get_by_role("link", name="Continue your application").click()
    expect(page.get_by_label("Your reform in one line")).to_have_value("Open budgets in Medellín")
    page.get_by_label("What do you hope to learn?").fill("How to build coalitions that last.")
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    expect(page.locator(".card").first).to_contain_text("Submitted")
    assert_accessible(page)

    # Programme staff review in the admin: shortlist, accept, release.
    staff_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    staff = staff_context.new_page()
    sign_in(staff, "staff@example.org")
    staff.goto(f"/admin/cohort-review/{cohort.pk}/")
    expect(staff.get_by_role("heading", name="Balanced selection")).to_be_visible()
    staff.get_by_role("link", name="Lucía Fernández").click()
    staff.get_by_role("button", name="Under review").click()
    staff.get_by_role("button", name="Shortlisted").click()
    staff.get_by_role("button", name="Accepted").click()
    expect(staff.locator("body")).to_contain_text("Status: Accepted")

    # Before release, she still reads "Under review".
    page.reload()
    expect(page.locator(".card").first).to_contain_text("Under review")

    staff.goto(f"/admin/cohort-review/{cohort.pk}/")
    staff.get_by_role("link", name="Release decisions").click()
    # A confirmation page first: who will be emailed, and a warning (the call is open).
    expect(staff.locator("body")).to_contain_text("1 person will be emailed their decision.")
    expect(staff.locator("body")).to_contain_text("Applications for this cohort are still open.")
    staff.get_by_label("Release while applications are open").check()
    staff.get_by_role("button", name="Send 1 decision").click()
    expect(staff.locator("body")).to_contain_text("1 applicants were told the decision")

    # She sees "Accepted" and the cohort space.
    page.reload()
    expect(page.locator(".card").first).to_contain_text("Accepted")
    page.get_by_role("link", name="Open the cohort space").click()
    # The cohort space is the cohort's group: its discussions, schedule and members.
    expect(page.locator(".space-head .card__eyebrow")).to_have_text("Cohort space")
    assert_accessible(page)
    page.locator(".tabs").get_by_role("link", name="Members").click()
    expect(page.locator("main")).to_contain_text("Lucía Fernández")
    assert_accessible(page)

    # The cohort ends; staff mark her as completed.
    from cohorts.models import CohortPage

    today = timezone.now().date()
    CohortPage.objects.filter(pk=cohort.pk).update(
        start_date=today - timedelta(days=90), end_date=today - timedelta(days=1)
    )
    staff.goto(f"/admin/cohort-review/{cohort.pk}/participants/")
    staff.get_by_role("checkbox", name="Lucía Fernández").check()
    staff.get_by_role("button", name=re.compile("Mark as completed")).click()
    expect(staff.locator("body")).to_contain_text("Completion saved")
    staff_context.close()

    # She opens her certificate.
    page.goto("/en/cohorts/applications/")
    page.get_by_role("link", name="Americas cohort").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate of completion")
    expect(page.locator(".certificate")).to_contain_text("Lucía Fernández")
    assert_accessible(page)
    verify_url = page.get_by_role("link", name="Public verification page").get_attribute("href")

    # A stranger verifies it at the public address.
    stranger_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    stranger = stranger_context.new_page()
    stranger.goto(re.sub(r"^https?://[^/]+", "", verify_url))
    expect(stranger.get_by_role("heading", level=1)).to_have_text("Certificate verification")
    expect(stranger.locator("main")).to_contain_text("Valid")
    expect(stranger.locator("main")).to_contain_text("Lucía Fernández")
    expect(stranger.locator("main")).to_contain_text("Americas cohort")
    assert_accessible(stranger)
    stranger_context.close()
