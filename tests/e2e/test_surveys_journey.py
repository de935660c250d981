"""A member follows the link in her invitation on a small phone (320 px), is told her
answers are anonymous, makes a mistake that keeps her text, answers, and cannot answer twice."""

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_answers_a_survey_on_a_small_phone(page, seeded_site):
    from django.urls import reverse
    from django.utils.translation import override

    from community.factories import make_member
    from surveys import tokens
    from surveys.factories import SurveyFactory, SurveyRoundFactory
    from surveys.models import Invitation, Receipt, Response

    page.set_viewport_size({"width": 320, "height": 720})
    survey = SurveyFactory(title="Network survey: trust and collaboration")
    round_ = SurveyRoundFactory(survey=survey)
    member = make_member(sector="civil_society", country="SN")
    invitation = Invitation.objects.create(round=round_, user=member)
    with override("en"):
        link = reverse("surveys:answer_token", args=[tokens.token_for(invitation)])

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    expect(page.locator("[data-survey-privacy]")).to_contain_text("Your answers are anonymous")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)

    page.get_by_label("4", exact=True).check()
    page.get_by_label("Yes").check()
    page.get_by_label("Ideas").check()
    page.get_by_label("One word for the event").fill(
        "A very long word that will certainly not fit in here"
    )
    page.get_by_label("What should we change?").fill("More time for questions from the floor.")
    page.get_by_role("button", name="Send my answers").click()

    expect(page.locator(".error-summary")).to_contain_text("at most 40 characters")
    expect(page.get_by_label("What should we change?")).to_have_value(
        "More time for questions from the floor."
    )
    assert_accessible(page)
    page.screenshot(path="/tmp/survey-error-320.png", full_page=True)

    page.get_by_label("One word for the event").fill("Useful")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".messages")).to_contain_text("Thank you: your answers are in.")
    expect(page.locator("[data-survey-state=answered]")).to_contain_text(
        "You have already answered this survey."
    )
    assert_accessible(page)
    page.screenshot(path="/tmp/survey-answered-320.png", full_page=True)
    assert Response.objects.count() == 1 and Receipt.objects.filter(user=member).count() == 1
