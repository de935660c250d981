"""Editors build surveys in the admin; programme staff launch a stakeholder survey after a
confirmation page that says how many people will be invited (no JavaScript needed)."""

from django.urls import reverse

import pytest

from community.factories import UserFactory, make_member
from surveys.factories import SurveyFactory
from surveys.models import Audience, Invitation, SurveyRound

pytestmark = pytest.mark.django_db


def test_editors_may_build_surveys_but_not_see_results(client, editor_user):
    client.force_login(editor_user)
    assert client.get(reverse("wagtailsnippets_surveys_survey:add")).status_code == 200
    assert client.get(reverse("surveys_admin_index")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("wagtailsnippets_surveys_survey:add")).status_code == 302


def test_the_launch_page_says_how_many_then_invites_once(
    client, staff_results, django_capture_on_commit_callbacks
):
    survey = SurveyFactory(title="Regional survey", group="region:americas")
    for _n in range(3):
        make_member(country="MX")
    make_member(country="KE")
    client.force_login(staff_results)
    url = reverse("surveys_admin_launch", args=[survey.pk])
    page = client.get(url).content.decode()
    assert "3 people will be invited." in page
    assert "Region: The Americas" in page
    assert not SurveyRound.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert Invitation.objects.count() == 3

    again = client.post(url)
    assert again.status_code == 409
    assert "This survey is already open: it was launched before." in again.content.decode()
    assert SurveyRound.objects.count() == 1


def test_only_stakeholder_surveys_are_launched_and_only_by_programme_staff(
    client, staff_results, editor_user
):
    survey = SurveyFactory(audience=Audience.AFTER_EVENT)
    make_member()
    client.force_login(staff_results)
    response = client.post(reverse("surveys_admin_launch", args=[survey.pk]))
    assert response.status_code == 409
    assert not SurveyRound.objects.exists()
    client.force_login(editor_user)
    stakeholder = SurveyFactory()
    assert client.post(reverse("surveys_admin_launch", args=[stakeholder.pk])).status_code == 302
    assert not SurveyRound.objects.exists()
