"""A stranger checks a certificate: the public page verifies it (phone and desktop), the
signed file they were given verifies when uploaded, a forged one does not, and the
achievement it names reads in French. axe-core checks each screen."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", "var/screenshots"))


@pytest.fixture
def certificate(seeded_site):
    from wagtail.models import Locale

    from cohorts import services
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from cohorts.models import Participant
    from community.factories import UserFactory
    from home.models import HomePage

    home = HomePage.objects.get(locale=Locale.objects.get(language_code="en"))
    programme = ProgrammePageFactory(parent=home, title="Leadership Collective", slug="leadership")
    cohort = CohortPageFactory(parent=programme, title="Americas cohort", slug="americas")
    member = UserFactory(email="lucia@example.org", name="Lucía Fernández")
    participant = Participant.objects.create(cohort=cohort, user=member, status="completed")
    return services.certificate_issue(participant=participant)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_stranger_verifies_a_certificate_and_a_file(page, certificate, tmp_path):
    for width, label in ((320, "phone"), (1280, "desktop")):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"/en/cohorts/verify/{certificate.identifier}/")
        main = page.locator("main")
        expect(main).to_contain_text("Valid")
        expect(main).to_contain_text("Lucía Fernández")
        expect(main).to_contain_text("Americas cohort")
        # Nothing is wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot(page, f"credentials-verify-{label}")
    assert_accessible(page)

    # The signed file the page links is what a holder hands over.
    link = page.get_by_role("link", name="The signed credential (Open Badges 3.0, .jwt)")
    token = page.request.get(link.get_attribute("href")).text()
    assert token.count(".") == 2
    signed = tmp_path / "certificate.jwt"
    signed.write_text(token)

    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_role("link", name="Check a credential file you were given").click()
    page.get_by_label("Or choose the credential file").set_input_files(str(signed))
    page.get_by_role("button", name="Check").click()
    expect(page.locator("main")).to_contain_text("Valid")
    expect(page.locator("main")).to_contain_text("Lucía Fernández")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    shot(page, "credentials-check-phone")
    assert_accessible(page)

    # A forged copy (one letter of the signature changed) cannot be verified.
    forged = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    page.get_by_label("Paste the credential").fill(forged)
    page.get_by_role("button", name="Check").click()
    expect(page.locator("main")).to_contain_text("Cannot be verified")
    # Nonsense gets a message, not an error page.
    page.get_by_label("Paste the credential").fill("")
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Paste a credential or choose a credential file."
    )
    shot(page, "credentials-check-error-phone")

    # The achievement the credential names, in French.
    key = certificate.participant.cohort.translation_key
    page.goto(f"/fr/cohorts/achievements/{key}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Americas cohort")
    expect(page.locator("main")).to_contain_text("Critères")
    shot(page, "credentials-achievement-fr-phone")
    assert_accessible(page)
