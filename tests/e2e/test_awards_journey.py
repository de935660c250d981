"""A member nominates a peer for an award; the jury handles a conflict and scores;
staff publish the winners; the public page shows them in English and in French."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEMBER_PASSWORD = "member-demo-2026"


@pytest.fixture
def awards_site(seeded_site, settings, tmp_path):
    from awards.demo.seed import seed

    settings.AWARDS_PRIVATE_ROOT = tmp_path / "private"
    seed(lambda message: None)


def sign_in(page, email, password=MEMBER_PASSWORD):
    page.context.clear_cookies()
    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form").get_by_role("button").last.click()
    expect(page.get_by_role("navigation", name="Your account")).to_contain_text("Sign out")


def test_nominate_judge_and_publish(page, awards_site):
    from awards import services
    from awards.models import AwardProgrammePage, Nomination
    from community.models import User
    from home.demo.seed import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

    programme = AwardProgrammePage.objects.get(
        slug="open-government-awards-2026", locale__language_code="en"
    )
    juror = User.objects.get(email="james.okoro@example.org")
    juror.profile.organisation = "Lagos Open Data Lab"
    juror.profile.save()

    # 1. A member nominates a peer, with a supporting PDF.
    sign_in(page, "amina.diallo@example.org")
    page.goto(programme.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Government Awards 2026")
    assert_accessible(page)
    page.get_by_role("link", name="Nominate someone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nominate someone")
    assert_accessible(page)
    page.locator("select[name=category]").select_option(label="Champions of civic space")
    page.get_by_label("Name of the person or initiative").fill("Grace Mwangi")
    page.get_by_label("Organisation").fill("Open Budget Kenya")
    page.locator("select[name=country]").select_option("KE")
    page.locator("select[name=sector]").select_option("civil_society")
    page.get_by_label("Nominee's contact email").fill("grace@example.net")
    statements = page.locator("textarea[name^=statement_]")
    for i in range(statements.count()):
        statements.nth(i).fill("Grace opened the county budget to public hearings in every ward.")
    page.get_by_label("Supporting links").fill("https://example.net/budget-hearings")
    page.locator("input[name=attachments]").set_input_files(
        files=[{"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Submit nomination").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Mwangi")
    expect(page.get_by_text("letter.pdf")).to_be_visible()
    assert_accessible(page)
    peer = Nomination.objects.get(nominee_name="Grace Mwangi")

    # A second nomination, from the juror's own organisation: the platform flags it.
    flagged = services.nomination_save(
        programme=programme,
        nominator=User.objects.get(email="lucia.fernandez@example.org"),
        category=programme.categories.first(),
        data={
            "nominee_name": "Tunde Bello",
            "organisation": "Lagos Open Data Lab",
            "country": "NG",
        },
        submit=True,
    )

    # Nominations close; judging begins.
    now = timezone.now()
    AwardProgrammePage.objects.filter(translation_key=programme.translation_key).update(
        nominations_open=now - timedelta(days=20),
        nominations_close=now - timedelta(days=1),
        judging_close=now + timedelta(days=10),
        announcement_at=now + timedelta(days=20),
    )

    # 2. The juror confirms the flagged conflict on one nomination and scores the other.
    sign_in(page, "james.okoro@example.org")
    page.goto("/en/award/jury/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your jury assignments")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text="Tunde Bello")
    expect(row).to_contain_text("Same organisation")
    row.get_by_role("button", name="Confirm conflict").click()
    expect(page.get_by_role("row").filter(has_text="Tunde Bello")).to_contain_text("Conflict")
    expect(page.get_by_role("link", name="Tunde Bello")).to_have_count(0)
    page.get_by_role("link", name="Grace Mwangi", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grace Mwangi")
    expect(page.get_by_role("link", name="letter.pdf")).to_be_visible()
    assert_accessible(page)
    scores = page.locator("input[name^=score_]")
    criteria_count = scores.count()
    for i in range(criteria_count):
        scores.nth(i).fill(str(8 - i))
    page.get_by_role("button", name="Save scores").click()
    expect(page.get_by_role("row").filter(has_text="Grace Mwangi")).to_contain_text("Scored")
    assert peer.scores.count() == criteria_count == 3
    assert flagged.conflicts.get().status == "confirmed"

    # 3. Staff choose the winner and publish.
    sign_in(page, DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    page.goto(f"/admin/award-results/{programme.pk}/")
    row = page.get_by_role("row").filter(has_text="Grace Mwangi")
    row.locator("select[name=award]").select_option("winner")
    row.locator("form", has=page.locator("select[name=award]")).get_by_role(
        "button", name="Save"
    ).click()
    # The citations have a form of their own, one field per language.
    page.get_by_role("row").filter(has_text="Grace Mwangi").get_by_role(
        "link", name="Edit citations and feedback"
    ).click()
    page.get_by_label("Citation in English").fill("For opening the county budget to every ward.")
    page.get_by_label("Citation in French").fill(
        "Pour avoir ouvert le budget du comté à chaque quartier."
    )
    page.get_by_role("button", name="Save").click()
    page.goto(f"/admin/award-results/{programme.pk}/")
    page.get_by_label(re.compile("I have checked the winners")).check()
    page.get_by_role("button", name="Publish results").click()
    expect(page.get_by_text("Results published").first).to_be_visible()

    # 4. The public page shows the winner, in English and in French.
    page.context.clear_cookies()
    page.goto(programme.url)
    expect(page.get_by_role("heading", name="Winners")).to_be_visible()
    expect(page.get_by_text("For opening the county budget to every ward.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("How the jury decided")).click()
    expect(page.get_by_role("heading", name="The jury", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Shortlist", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(programme.url)
    french = programme.get_translation(programme.locale.__class__.objects.get(language_code="fr"))
    page.goto(french.url)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    # (Her initials avatar carries her name too, in an SVG <title>: look at the words.)
    expect(
        page.locator("main").get_by_text("Grace Mwangi", exact=True).filter(visible=True).first
    ).to_be_visible()
    expect(
        page.get_by_text("Pour avoir ouvert le budget du comté à chaque quartier.")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/fr/"))
    assert_accessible(page)
    assert "grace@example.net" not in page.content()
