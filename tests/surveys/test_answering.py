"""A member answers once, anonymously, in their language; bad input answers with a clear
message and keeps what was typed."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

import pytest

from community.factories import UserFactory
from surveys import tokens
from surveys.models import Invitation, Receipt, Response
from tests.surveys.conftest import translate

pytestmark = pytest.mark.django_db


def _ids(survey):
    return {spec["kind"]: f"q_{spec['id']}" for spec in survey.question_list()}


def _good(survey, **changes):
    ids = _ids(survey)
    data = {
        ids["scale"]: "4",
        ids["choice"]: "1",
        ids["multiple_choice"]: ["0", "2"],
        ids["short_text"]: "Useful",
        ids["long_text"]: "More time for questions.",
    }
    data.update({ids[kind]: value for kind, value in changes.items()})
    return data


def _url(round_, language="en"):
    with override(language):
        return reverse("surveys:answer", args=[round_.pk])


def test_a_member_answers_once_and_the_answers_do_not_name_them(
    client, survey, open_round, invited
):
    client.force_login(invited)
    page = client.get(_url(open_round))
    assert page.status_code == 200
    html = page.content.decode()
    assert "How much do you trust people in the other sector family?" in html
    assert "1 – Not at all" in html and "5 – Completely" in html
    assert "Your answers are anonymous" in html
    assert "your sector family (government, civil society or other) and your region" in html
    assert "Up to 40 characters." in html  # the short text's limit, said before it is reached

    response = client.post(_url(open_round), _good(survey))
    assert response.status_code == 302
    stored = Response.objects.get()
    ids = {spec["kind"]: spec["id"] for spec in survey.question_list()}
    assert stored.answers == {
        ids["scale"]: 4,
        ids["choice"]: 1,
        ids["multiple_choice"]: [0, 2],
        ids["short_text"]: "Useful",
        ids["long_text"]: "More time for questions.",
    }
    assert (stored.sector_family, stored.region) == ("government", "africa_middle_east")
    assert Receipt.objects.filter(round=open_round, user=invited).count() == 1
    # Nothing on the response points back at the person.
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "round", "answers", "sector_family", "region"}

    thanks = client.get(_url(open_round)).content.decode()
    assert "You have already answered this survey. Thank you!" in thanks
    assert '<form class="form"' not in thanks

    again = client.post(_url(open_round), _good(survey, short_text="Twice"))
    assert again.status_code == 409
    assert "You have already answered this survey. Thank you!" in again.content.decode()
    assert Response.objects.count() == 1


def test_the_signed_link_works_without_signing_in_and_only_for_its_person(
    client, survey, open_round, invited
):
    invitation = Invitation.objects.get(user=invited)
    with override("en"):
        url = reverse("surveys:answer_token", args=[tokens.token_for(invitation)])
    assert client.get(url).status_code == 200
    assert client.post(url, _good(survey)).status_code == 302
    assert Receipt.objects.filter(user=invited).exists()

    with override("en"):
        forged = reverse("surveys:answer_token", args=[tokens.token_for(invitation) + "x"])
    assert client.get(forged).status_code == 404

    someone_else = UserFactory()
    client.force_login(someone_else)
    refused = client.get(url)
    assert refused.status_code == 403
    assert "This link was sent to someone else" in refused.content.decode()


def test_a_member_who_was_not_invited_is_told_so(client, open_round):
    client.force_login(UserFactory())
    response = client.get(_url(open_round))
    assert response.status_code == 403
    assert "This survey was not sent to you." in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, open_round):
    response = client.get(_url(open_round))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"short_text": "x" * 41}, "Ensure this value has at most 40 characters (it has 41)."),
        ({"choice": "7"}, "Choose one of the options given."),
        ({"scale": "9"}, "Choose a value from 1 to 5."),
        ({"scale": ""}, "This field is required."),
    ],
)
def test_bad_input_is_refused_clearly_and_keeps_what_was_typed(
    client, survey, open_round, invited, changes, message
):
    client.force_login(invited)
    response = client.post(_url(open_round), _good(survey, **changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "More time for questions." in html  # the long text is kept
    assert not Response.objects.exists() and not Receipt.objects.exists()


def test_a_closed_survey_says_so_and_keeps_the_text(client, survey, open_round, invited):
    client.force_login(invited)
    form = client.get(_url(open_round))
    assert form.status_code == 200
    open_round.closes_at = timezone.now() - timedelta(minutes=1)
    open_round.save()
    response = client.post(_url(open_round), _good(survey))
    assert response.status_code == 409
    html = response.content.decode()
    assert "This survey is closed: answers are no longer taken." in html
    assert "More time for questions." in html
    assert not Response.objects.exists()
    # Opening it later shows the message, without a form to fill in for nothing.
    later = client.get(_url(open_round)).content.decode()
    assert "This survey is closed" in later and 'class="form"' not in later


def test_the_survey_is_shown_in_the_members_language(client, site, survey, open_round, invited):
    translate(survey, "fr", title="Enquête auprès des parties prenantes 2026")
    client.force_login(invited)
    html = client.get(_url(open_round, "fr")).content.decode()
    assert "Enquête auprès des parties prenantes 2026" in html
    assert 'lang="fr"' in html


def test_the_answer_page_has_a_bounded_number_of_queries(
    client, survey, open_round, invited, django_assert_max_num_queries
):
    client.force_login(invited)
    url = _url(open_round)
    client.get(url)
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200
    for _n in range(30):
        other = UserFactory()
        Invitation.objects.create(round=open_round, user=other)
        Receipt.objects.create(round=open_round, user=other, answered_at=timezone.now())
        Response.objects.create(round=open_round, answers={})
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_a_members_data_lists_the_surveys_not_the_answers(survey, open_round, invited):
    from community.signals import collect_member_data
    from surveys import services

    services.answer_submit(round=open_round, member=invited, answers={"x": "secret words"})
    sections = dict(
        data for _receiver, data in collect_member_data.send(sender=None, user=invited) if data
    )
    assert sections["surveys"][0]["survey"] == "Stakeholder survey 2026"
    assert sections["surveys"][0]["answered"] is True
    assert "secret words" not in str(sections["surveys"])
    invited.delete()
    assert Response.objects.filter(round=open_round).count() == 1  # anonymous answers stay
