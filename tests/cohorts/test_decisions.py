"""Decisions reach applicants only when staff release them, exactly once, in their language."""

from django.urls import reverse

import pytest

from cohorts import services
from cohorts.models import Application, ApplicationStatus, Participant
from community.factories import UserFactory
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def decision_emails():
    return OutboxEmail.objects.filter(reason="cohorts.decision")


@pytest.fixture
def decided(cohort, submit, reviewer):
    """Three applicants in three languages: accepted, waitlisted, declined."""
    people = {
        "accepted": UserFactory(preferred_language="fr"),
        "waitlisted": UserFactory(preferred_language="es"),
        "declined": UserFactory(preferred_language="en"),
    }
    apps = {}
    for outcome, person in people.items():
        application = submit(cohort, person)
        services.application_transition(
            application=application, to_status=S.UNDER_REVIEW, by=reviewer
        )
        services.application_transition(
            application=application, to_status=S.SHORTLISTED, by=reviewer
        )
        services.application_transition(application=application, to_status=outcome, by=reviewer)
        apps[outcome] = application
    return people, apps


def test_nothing_is_emailed_or_shown_before_release(client, decided):
    people, apps = decided
    assert decision_emails().count() == 0
    assert not Participant.objects.exists()
    client.force_login(people["accepted"])
    html = client.get("/fr/cohorts/applications/").content.decode()
    assert "En cours d’examen" in html or "En cours d'examen" in html or "Under review" in html
    assert "Accepté" not in html and "Accepted" not in html


def test_release_emails_each_decision_once_in_the_applicants_language(
    cohort, decided, manager, django_capture_on_commit_callbacks
):
    people, apps = decided
    with django_capture_on_commit_callbacks(execute=True):
        told = services.decisions_release(cohort=cohort, by=manager)
    assert told == 3
    assert decision_emails().count() == 3
    by_to = {e.to: e for e in decision_emails()}
    assert by_to[people["accepted"].email].language == "fr"
    assert by_to[people["waitlisted"].email].language == "es"
    assert by_to[people["declined"].email].language == "en"
    # Released a second time: nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_release(cohort=cohort, by=manager) == 0
    assert decision_emails().count() == 3
    # Accepted applicants became participants.
    assert Participant.objects.get().user == people["accepted"]


def test_decision_changed_after_release_is_told_once_more(cohort, decided, reviewer, manager):
    people, apps = decided
    services.decisions_release(cohort=cohort, by=manager)
    # Someone on the waiting list gets a place (with staff's override: places are 3).
    services.application_transition(
        application=apps["waitlisted"], to_status=S.ACCEPTED, by=manager, override=True
    )
    assert decision_emails().count() == 3  # not before release
    assert services.decisions_release(cohort=cohort, by=manager) == 1
    assert services.decisions_release(cohort=cohort, by=manager) == 0
    assert decision_emails().filter(to=people["waitlisted"].email).count() == 2
    assert Participant.objects.count() == 2


def test_decisions_taken_half_way_are_not_released_partially(cohort, submit, reviewer, manager):
    """Only decisions are released; applications still in review stay silent."""
    in_review = submit(cohort, UserFactory())
    services.application_transition(application=in_review, to_status=S.UNDER_REVIEW, by=reviewer)
    assert services.decisions_release(cohort=cohort, by=manager) == 0
    in_review.refresh_from_db()
    assert in_review.public_status == S.UNDER_REVIEW


def test_reviewer_cannot_release(cohort, decided, reviewer, client):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.decisions_release(cohort=cohort, by=reviewer)
    client.force_login(reviewer)
    response = client.post(reverse("cohorts_admin_release", args=[cohort.pk]))
    assert response.status_code in {302, 403}
    assert decision_emails().count() == 0


def test_release_button_in_admin(client, cohort, decided, manager):
    client.force_login(manager)
    response = client.post(reverse("cohorts_admin_release", args=[cohort.pk]))
    assert response.status_code == 302
    assert decision_emails().count() == 3
    client.post(reverse("cohorts_admin_release", args=[cohort.pk]))
    assert decision_emails().count() == 3


def test_applicant_sees_released_decision(client, cohort, decided, manager):
    people, apps = decided
    services.decisions_release(cohort=cohort, by=manager)
    client.force_login(people["declined"])
    html = client.get("/en/cohorts/applications/").content.decode()
    assert "Not selected" in html
    assert Application.objects.get(pk=apps["declined"].pk).public_status == S.DECLINED
