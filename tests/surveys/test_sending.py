"""A survey goes after an event to the people who attended, once each, in their language;
at the end of a cohort to its participants; and to a stakeholder group when staff launch it."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.factories import UserFactory, make_member
from home.models import Notification
from surveys import services, tasks
from surveys.factories import SurveyFactory
from surveys.models import Audience, Invitation, SurveyRound
from tests.surveys.conftest import register, translate

pytestmark = pytest.mark.django_db


def test_after_an_event_attendees_only_once_each_in_their_language(
    past_event, post_event_survey, outbox, subject_catalogue
):
    translate(post_event_survey, "fr", title="Comment s’est passé l’événement\u00a0?")
    translate(post_event_survey, "es", title="¿Cómo le fue en el evento?")
    english = UserFactory(email="en@example.org", preferred_language="en")
    french = UserFactory(email="fr@example.org", preferred_language="fr")
    spanish = UserFactory(email="es@example.org", preferred_language="es")
    no_show = UserFactory(email="noshow@example.org")
    waiting = UserFactory(email="waiting@example.org")
    for user in (english, french, spanish):
        register(past_event, user, attended=True)
    register(past_event, no_show)
    register(past_event, waiting, status="waitlisted")

    tasks.send_due()
    tasks.send_due()  # the beat runs again: nobody is told twice

    mails = outbox(reason="surveys.invitation")
    assert sorted(m.to for m in mails) == ["en@example.org", "es@example.org", "fr@example.org"]
    subjects = {m.to: m.subject for m in mails}
    assert subjects["en@example.org"] == "A few questions: How was the event?"
    # home.notify.render folds every run of whitespace in a subject, the non-breaking
    # spaces of French typography included, into one plain space.
    assert subjects["fr@example.org"].replace("\u00a0", " ") == (
        "Quelques questions : Comment s’est passé l’événement ?"
    )
    assert subjects["es@example.org"] == "Algunas preguntas: ¿Cómo le fue en el evento?"
    body = next(m.body_text for m in mails if m.to == "fr@example.org")
    assert "/fr/surveys/a/" in body
    assert SurveyRound.objects.filter(event=past_event).count() == 1
    assert Invitation.objects.count() == 3
    assert Notification.objects.filter(kind="surveys.invitation").count() == 3


def test_events_still_running_or_before_the_survey_opened_get_nothing(
    past_event, post_event_survey, outbox
):
    register(past_event, UserFactory(), attended=True)
    post_event_survey.opens_at = timezone.now()
    post_event_survey.save()
    assert services.send_after_events() == 0
    assert not outbox(reason="surveys.invitation")


def test_a_survey_without_questions_is_not_sent(past_event, post_event_survey, outbox):
    register(past_event, UserFactory(), attended=True)
    post_event_survey.questions = []
    post_event_survey.save()
    assert services.send_after_events() == 0


def test_end_of_cohort_goes_to_participants_not_those_who_did_not_complete(home, outbox):
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from cohorts.models import Participant

    programme = ProgrammePageFactory(parent=home)
    today = timezone.now().date()
    cohort = CohortPageFactory(
        parent=programme,
        start_date=today - timedelta(days=90),
        end_date=today - timedelta(days=2),
        applications_open=timezone.now() - timedelta(days=200),
        applications_close=timezone.now() - timedelta(days=120),
    )
    SurveyFactory(
        title="How was the cohort?",
        audience=Audience.END_OF_COHORT,
        opens_at=timezone.now() - timedelta(days=30),
    )
    done = UserFactory(email="done@example.org")
    active = UserFactory(email="active@example.org")
    dropped = UserFactory(email="dropped@example.org")
    Participant.objects.create(cohort=cohort, user=done, status=Participant.Status.COMPLETED)
    Participant.objects.create(cohort=cohort, user=active, status=Participant.Status.ACTIVE)
    Participant.objects.create(cohort=cohort, user=dropped, status=Participant.Status.NOT_COMPLETED)
    tasks.send_due()
    tasks.send_due()
    assert sorted(m.to for m in outbox(reason="surveys.invitation")) == [
        "active@example.org",
        "done@example.org",
    ]


def test_a_stakeholder_launch_invites_the_group_once(
    staff_results, django_capture_on_commit_callbacks, outbox
):
    survey = SurveyFactory(title="Trust survey", group="family:government")
    government = make_member(sector="national_government", country="KE")
    make_member(sector="civil_society", country="KE")
    with django_capture_on_commit_callbacks(execute=True):
        round_ = services.survey_launch(survey=survey, by=staff_results)
    assert [m.to for m in outbox(reason="surveys.invitation")] == [government.email]
    assert round_.invitations.count() == 1
    # The task runs again (a retry): nobody is told twice.
    tasks.send_round_invitations(round_.pk)
    assert len(outbox(reason="surveys.invitation")) == 1
