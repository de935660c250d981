"""The jury desk in a browser: a juror's dashboard per round and the review page at
320 px, staff's bulk assignment preview (without JavaScript), the nominee's feedback page.
Screenshots go to var/screenshots/jury/."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible, assert_fits

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "jury"


def sign_in_as(page, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_jury_desk_screens(page, live_server, seeded_site, settings, tmp_path):
    from wagtail.models import Site

    from awards import services
    from awards.factories import (
        AwardCategoryFactory,
        AwardCriterionFactory,
        AwardIndexPageFactory,
        AwardProgrammePageFactory,
    )
    from awards.models import AwardProgrammePage
    from awards.models.rounds import first_round
    from community.factories import StaffFactory, UserFactory
    from tests.awards.conftest import nominate, set_phase

    settings.AWARDS_PRIVATE_ROOT = tmp_path / "private"
    SHOTS.mkdir(parents=True, exist_ok=True)
    root = Site.objects.get(is_default_site=True).root_page
    index = AwardIndexPageFactory(parent=root, slug="jury-awards")
    programme = AwardProgrammePageFactory(parent=index, slug="jury-desk-2026")
    AwardCategoryFactory(page=programme, name="Champions of civic space")
    AwardCriterionFactory(page=programme, name="Impact")
    AwardCriterionFactory(page=programme, name="Innovation")
    programme = AwardProgrammePage.objects.get(pk=programme.pk)
    nominee = UserFactory(name="Grace Mwangi")
    nominations = [
        nominate(programme, UserFactory(), nominee_name=name, organisation=f"{name} Lab")
        for name in ("Ada Okafor", "Bea Santos", "Cy Dupont")
    ]
    grace = nominate(programme, UserFactory(), nominee_user=nominee, organisation="Budget Lab")
    staff = StaffFactory()
    juror = UserFactory(name="Juror Mei")
    juror.profile.organisation = "Budget Lab"
    juror.profile.save()
    role = services.juror_appoint(programme=programme, user=juror)
    programme = set_phase(programme, "judging")
    judging_round = first_round(programme)
    services.assignments_apply(
        judging_round=judging_round,
        roles=[role],
        categories=list(programme.categories.all()),
        by=staff,
    )
    services.scores_submit(
        juror=juror,
        nomination=nominations[0],
        values={c.pk: (7, "") for c in programme.localized_criteria()},
    )

    # The juror's dashboard at 320 px: one scored, and Grace (the juror's own organisation)
    # is a conflict, which leaves nothing to do: "2 of 4 scored", the next unscored first.
    sign_in_as(page, live_server, juror)
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto("/en/award/jury/")
    expect(page.get_by_text("2 of 4 scored")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
    page.screenshot(path=SHOTS / "dashboard-320.png", full_page=True)
    page.get_by_role("link", name="Next to score: Bea Santos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bea Santos")
    assert_fits(page)
    page.screenshot(path=SHOTS / "review-320.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/fr/award/jury/")
    page.screenshot(path=SHOTS / "dashboard-fr-1280.png", full_page=True)

    # Staff: bulk assignment preview lists the exclusion and its reason, without JS.
    other = services.juror_appoint(programme=programme, user=UserFactory(name="Juror Two"))
    sign_in_as(page, live_server, staff)
    context = page.context.browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.add_cookies(page.context.cookies())
    nojs = context.new_page()
    nojs.goto(f"/admin/award-results/{programme.pk}/assign/")
    nojs.get_by_label("Juror Mei", exact=False).check()
    nojs.get_by_label("Juror Two", exact=False).check()
    nojs.locator("input[name=categories]").first.check()
    nojs.get_by_role("button", name="Preview").click()
    expect(nojs.get_by_text("Same organisation")).to_be_visible()
    nojs.screenshot(path=SHOTS / "bulk-assign-preview-1280.png", full_page=True)
    nojs.set_viewport_size({"width": 320, "height": 900})
    nojs.screenshot(path=SHOTS / "bulk-assign-preview-320.png", full_page=True)
    # Without JavaScript at 320 px Wagtail's sidebar lies over the admin's forms (the door
    # screen lives in the site's frame for that reason); staff confirm from a wider screen.
    nojs.set_viewport_size({"width": 1280, "height": 900})
    nojs.get_by_role("button", name="Confirm and assign").click()
    expect(nojs.get_by_text("Juror Two")).to_be_visible()
    context.close()
    assert other.assignments.count() == 1

    # Results desk, then the nominee's feedback after publication.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/admin/award-results/{programme.pk}/")
    page.screenshot(path=SHOTS / "results-desk-1280.png", full_page=True)
    set_phase(programme, "after")
    services.result_set(nomination=grace, by=staff, award="winner", citation={"en": "Bravo."})
    services.feedback_set(nomination=grace, text="A remarkable file; thank you.", by=staff)
    services.results_publish(programme=AwardProgrammePage.objects.get(pk=programme.pk), by=staff)
    sign_in_as(page, live_server, nominee)
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(f"/en/award/nominations/{grace.pk}/")
    expect(page.get_by_text("A remarkable file; thank you.")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
    page.screenshot(path=SHOTS / "feedback-320.png", full_page=True)
