"""Cohort review at scale, in the browser: programme staff build a rubric in the page
editor, assign reviewers automatically, a reviewer scores her queue, and staff move the
top scorers to the shortlist after a confirmation page. axe-core checks each screen."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery-9"
#: Screenshots of each screen at 320 px, for people to look at.
SHOTS = "var/screenshots/review"


@pytest.fixture
def journey(seeded_site):
    from django.utils import timezone

    from wagtail.models import Locale

    from cohorts.factories import CohortPageFactory, ProgrammePageFactory, _question
    from cohorts.models import Application, ApplicationStatus
    from cohorts.permissions import ensure_groups
    from community.factories import UserFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))
    programme = ProgrammePageFactory(parent=home, title="Leadership Collective", slug="leadership")
    cohort = CohortPageFactory(
        parent=programme,
        title="Africa cohort",
        slug="africa",
        questions=[("question", _question("long_text", "What will you change?", False))],
    )
    groups = ensure_groups()
    staff = UserFactory(email="staff@example.org", name="Programme Staff", is_staff=True)
    # The review form is part of the cohort page: the staff member also edits and
    # publishes pages (Wagtail's Moderators).
    from django.contrib.auth.models import Group

    staff.groups.add(groups["Programme staff"], Group.objects.get(name="Moderators"))
    rita = UserFactory(email="rita@example.org", name="Rita Reviewer", is_staff=True)
    sam = UserFactory(email="sam@example.org", name="Sam Reviewer", is_staff=True)
    for person in (rita, sam):
        person.groups.add(groups["Cohort reviewers"])
    now = timezone.now()
    names = ["Aïcha Diop", "Bola Ade", "Chidi Eze", "Dina Said"]
    for name in names:
        Application.objects.create(
            cohort=cohort,
            applicant=UserFactory(name=name),
            applicant_name=name,
            status=ApplicationStatus.SUBMITTED,
            submitted_at=now,
            organisation=f"{name} Lab",
            country="KE",
            region="africa_middle_east",
            sector="civil_society",
            answers={},
        )
    return {"cohort": cohort, "names": names}


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")


def add_criterion(page, index, label, weight):
    panel = page.get_by_role("tabpanel", name="Review")
    panel.locator("button.c-sf-add-button").last.click()
    prefix = f"review_criteria-{index}-value"
    expect(page.locator(f"[name='{prefix}-label']")).to_be_visible()
    page.locator(f"[name='{prefix}-label']").fill(label)
    page.locator(f"[name='{prefix}-description']").fill(f"How strong is the {label.lower()}?")
    page.locator(f"[name='{prefix}-weight']").fill(weight)


def test_staff_build_a_rubric_assign_review_and_shortlist(page, journey):
    import os

    from cohorts.models import Application, ApplicationStatus, CohortPage

    os.makedirs(SHOTS, exist_ok=True)
    cohort = journey["cohort"]

    # 1. Staff build the review form in the page editor (tab "Review") and publish.
    sign_in(page, "staff@example.org")
    page.goto(f"/admin/pages/{cohort.pk}/edit/")
    page.get_by_role("tab", name="Review").click()
    add_criterion(page, 0, "Leadership", "2")
    add_criterion(page, 1, "Motivation", "1")
    page.locator("[name=blind_review]").check()
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("body")).to_contain_text("published")
    assert [c["label"] for c in CohortPage.objects.get(pk=cohort.pk).criteria_list()] == [
        "Leadership",
        "Motivation",
    ]

    # 2. Staff assign reviewers automatically: one per application, evenly.
    page.goto(f"/admin/cohort-review/{cohort.pk}/assignments/")
    expect(page.get_by_role("heading", name="Assign reviewers automatically")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reviewers per application").fill("1")
    page.get_by_label("Rita Reviewer").check()
    page.get_by_label("Sam Reviewer").check()
    page.get_by_role("button", name="Assign automatically").click()
    expect(page.locator("body")).to_contain_text("4 assignments made.")
    # (No axe run here: Wagtail's own flash message fades in and axe reads its colour
    # mid-animation; the same screen was checked just above.)

    # 3. Rita scores her queue on her phone (320 px): blind, "0 of 2 reviewed", then the
    # next one, then done.
    sign_in(page, "rita@example.org")
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(f"/admin/cohort-review/{cohort.pk}/queue/")
    expect(page.locator("[data-progress]")).to_have_text("0 of 2 reviewed")
    for name in journey["names"]:
        expect(page.locator("main")).not_to_contain_text(name)
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/queue-320.png", full_page=True)
    page.get_by_role("link", name="Review the next application").click()
    expect(page.get_by_role("heading", name="Your review")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/review-320.png", full_page=True)
    # A score outside the range is refused with a message.
    page.get_by_role("button", name="Submit my review").click()
    expect(page.locator("main")).to_contain_text("Give a whole number from 1 to 5.")
    for score in ("5", "4"):
        page.locator("[data-criterion]").first.get_by_label(score, exact=True).check()
        page.locator("[data-criterion]").last.get_by_label(score, exact=True).check()
        page.get_by_label("Comment").fill("A clear plan with allies.")
        page.get_by_role("button", name="Submit my review").click()
    expect(page.locator("body")).to_contain_text("2 of 2 reviewed")
    expect(page.locator("main")).to_contain_text("You have reviewed every application")

    page.set_viewport_size({"width": 1280, "height": 900})

    # Sam scores his two lower.
    sign_in(page, "sam@example.org")
    page.goto(f"/admin/cohort-review/{cohort.pk}/queue/")
    page.get_by_role("link", name="Review the next application").click()
    for _ in range(2):
        page.locator("[data-criterion]").first.get_by_label("2", exact=True).check()
        page.locator("[data-criterion]").last.get_by_label("2", exact=True).check()
        page.get_by_role("button", name="Submit my review").click()
    expect(page.locator("body")).to_contain_text("2 of 2 reviewed")

    # 4. Staff see the weighted means and move everyone at 4 or above to the shortlist.
    sign_in(page, "staff@example.org")
    page.goto(f"/admin/cohort-review/{cohort.pk}/")
    expect(page.get_by_role("heading", name="Balanced selection")).to_be_visible()
    move = page.locator("section[aria-labelledby=move-heading]")
    move.get_by_label("Weighted mean at least").fill("4")
    move.get_by_label("Move to").select_option("shortlisted")
    move.get_by_role("button", name="Count them").click()
    expect(page.locator("[data-count]")).to_have_text("2 applications will move to “Shortlisted”.")
    assert_accessible(page)
    assert not Application.objects.filter(status=ApplicationStatus.SHORTLISTED).exists()
    page.get_by_role("button", name="Move them").click()
    expect(page.locator("body")).to_contain_text("2 applications moved to “Shortlisted”.")
    assert Application.objects.filter(status=ApplicationStatus.SHORTLISTED).count() == 2

    # Staff's screens at 320 px.
    page.set_viewport_size({"width": 320, "height": 900})
    for name, url in [
        ("desk", f"/admin/cohort-review/{cohort.pk}/"),
        ("assignments", f"/admin/cohort-review/{cohort.pk}/assignments/"),
        ("move", f"/admin/cohort-review/{cohort.pk}/move/?min_score=3&to_status=accepted"),
    ]:
        page.goto(url)
        page.screenshot(path=f"{SHOTS}/{name}-320.png", full_page=True)
