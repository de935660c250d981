"""Decisions reach applicants only when staff release them, exactly once, in their language."""

from datetime import timedelta

from django.urls import reverse

import pytest

from cohorts import services
from cohorts.errors import CohortsNotAllowed, ReleaseError
from cohorts.models import Application, ApplicationStatus, Participant
from community.factories import UserFactory
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def decision_emails():
    return OutboxEmail.objects.filter(reason="cohorts.decision")


@pytest.fixture
def closed(cohort):
    """A moment after the call closed: when decisions are normally released."""
    return cohort.applications_close + timedelta(minutes=1)


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
    cohort, decided, manager, closed, django_capture_on_commit_callbacks
):
    people, apps = decided
    with django_capture_on_commit_callbacks(execute=True):
        told = services.decisions_release(cohort=cohort, by=manager, now=closed)
    assert told == 3
    assert decision_emails().count() == 3
    by_to = {e.to: e for e in decision_emails()}
    assert by_to[people["accepted"].email].language == "fr"
    assert by_to[people["waitlisted"].email].language == "es"
    assert by_to[people["declined"].email].language == "en"
    # Released a second time: nobody is told again.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_release(cohort=cohort, by=manager, now=closed) == 0
    assert decision_emails().count() == 3
    # Accepted applicants became participants.
    assert Participant.objects.get().user == people["accepted"]


def test_decision_changed_after_release_is_told_once_more(
    cohort, decided, reviewer, manager, closed
):
    people, apps = decided
    services.decisions_release(cohort=cohort, by=manager, now=closed)
    # Someone on the waiting list gets a place (with staff's override: places are 3).
    services.application_transition(
        application=apps["waitlisted"], to_status=S.ACCEPTED, by=manager, override=True
    )
    assert decision_emails().count() == 3  # not before release
    assert services.decisions_release(cohort=cohort, by=manager, now=closed) == 1
    assert services.decisions_release(cohort=cohort, by=manager, now=closed) == 0
    assert decision_emails().filter(to=people["waitlisted"].email).count() == 2
    assert Participant.objects.count() == 2


def test_decisions_taken_half_way_are_not_released_partially(
    cohort, submit, reviewer, manager, closed
):
    """Only decisions are released; applications still in review stay silent."""
    in_review = submit(cohort, UserFactory())
    services.application_transition(application=in_review, to_status=S.UNDER_REVIEW, by=reviewer)
    assert services.decisions_release(cohort=cohort, by=manager, now=closed) == 0
    in_review.refresh_from_db()
    assert in_review.public_status == S.UNDER_REVIEW


def test_reviewer_cannot_release(cohort, decided, reviewer, client):
    with pytest.raises(CohortsNotAllowed) as exc:
        services.decisions_release(cohort=cohort, by=reviewer, override=True)
    assert exc.value.code == "not_manager"
    client.force_login(reviewer)
    url = reverse("cohorts_admin_release", args=[cohort.pk])
    assert client.get(url).status_code in {302, 403}
    response = client.post(url, {"override": "1"})
    assert response.status_code in {302, 403}
    assert decision_emails().count() == 0


def test_release_is_refused_while_applications_are_open(cohort, decided, manager):
    assert cohort.is_open()
    with pytest.raises(ReleaseError) as exc:
        services.decisions_release(cohort=cohort, by=manager)
    assert exc.value.code == "applications_open"
    assert decision_emails().count() == 0
    assert not Participant.objects.exists()
    assert not Application.objects.exclude(released_status="").exists()
    # The explicit override releases anyway, and the history says so.
    assert services.decisions_release(cohort=cohort, by=manager, override=True) == 3
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.get(action="cohorts.release")
    assert entry.data == {"told": 3, "override": True}


def test_release_asks_first_with_counts_by_decision_and_language(client, cohort, decided, manager):
    # One more accepted in French and one more declined in English.
    for language, outcome in [("fr", S.ACCEPTED), ("en", S.DECLINED)]:
        Application.objects.create(
            cohort=cohort,
            applicant=UserFactory(preferred_language=language),
            applicant_name="Extra",
            status=outcome,
        )
    # A decision already sent, and one whose applicant deleted their account: nobody to tell.
    told = Application.objects.create(
        cohort=cohort, applicant=UserFactory(), status=S.DECLINED, released_status=S.DECLINED
    )
    Application.objects.create(cohort=cohort, applicant=None, status=S.ACCEPTED)
    assert told.pk
    client.force_login(manager)
    url = reverse("cohorts_admin_release", args=[cohort.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "5 people will be emailed their decision." in html
    preview = page.context["preview"]
    assert [(d["status"], d["cells"], d["total"]) for d in preview["decisions"]] == [
        # columns: English, French, Spanish
        (S.ACCEPTED, [0, 2, 0], 2),
        (S.WAITLISTED, [0, 0, 1], 1),
        (S.DECLINED, [2, 0, 0], 2),
    ]
    assert [(lang["code"], lang["count"]) for lang in preview["by_language"]] == [
        ("en", 2),
        ("fr", 2),
        ("es", 1),
    ]
    assert "English: 2" in html and "French: 2" in html and "Spanish: 1" in html
    # Applications are still open: the page warns and offers the explicit override.
    assert "Applications for this cohort are still open." in html
    assert 'name="override"' in html
    assert decision_emails().count() == 0  # asking sends nothing


def test_release_preview_names_languages_in_the_readers_language(cohort, decided):
    from django.utils import translation

    from cohorts import selectors

    with translation.override("fr"):
        names = [str(lang["name"]) for lang in selectors.release_preview(cohort)["by_language"]]
    assert names == ["Anglais", "Français", "Espagnol"]


def test_release_button_in_admin(client, cohort, decided, manager):
    client.force_login(manager)
    url = reverse("cohorts_admin_release", args=[cohort.pk])
    # Without the override, while applications are open: refused, nothing sent.
    response = client.post(url)
    assert response.status_code == 409
    assert "still open" in response.content.decode()
    assert decision_emails().count() == 0
    response = client.post(url, {"override": "1"})
    assert response.status_code == 302
    assert decision_emails().count() == 3
    client.post(url, {"override": "1"})
    assert decision_emails().count() == 3


def test_release_after_the_close_needs_no_override(client, cohort, decided, manager):
    from django.utils import timezone

    CohortPage = type(cohort)
    CohortPage.objects.filter(pk=cohort.pk).update(
        applications_close=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(manager)
    url = reverse("cohorts_admin_release", args=[cohort.pk])
    html = client.get(url).content.decode()
    assert 'name="override"' not in html
    assert client.post(url).status_code == 302
    assert decision_emails().count() == 3


def test_applicant_sees_released_decision(client, cohort, decided, manager, closed):
    people, apps = decided
    services.decisions_release(cohort=cohort, by=manager, now=closed)
    client.force_login(people["declined"])
    html = client.get("/en/cohorts/applications/").content.decode()
    assert "Not selected" in html
    assert Application.objects.get(pk=apps["declined"].pk).public_status == S.DECLINED
