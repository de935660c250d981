"""Nothing a member earned is destroyed by one click: withdrawal in every phase.

Withdrawal is possible until the cohort starts (its first day, in the programme's
timezone). A completion and its certificate are never ended by a member's action.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

import pytest

from cohorts import selectors, services
from cohorts.errors import ApplicationError, ParticipantError
from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Application, ApplicationStatus, Certificate, Participant
from community.factories import UserFactory
from community.models import Visibility

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def _cohort(programme, when: str):
    """A cohort whose call is open now, or that is running, or that has ended."""
    now = timezone.now()
    today = now.date()
    if when == "open":
        return CohortPageFactory(parent=programme)
    if when == "running":
        return CohortPageFactory(
            parent=programme,
            applications_open=now - timedelta(days=100),
            applications_close=now - timedelta(days=60),
            start_date=today - timedelta(days=10),
            end_date=today + timedelta(days=30),
        )
    return CohortPageFactory(
        parent=programme,
        applications_open=now - timedelta(days=200),
        applications_close=now - timedelta(days=150),
        start_date=today - timedelta(days=100),
        end_date=today - timedelta(days=1),
    )


def _decide(application, to_status, manager):
    path = {
        S.UNDER_REVIEW: [S.UNDER_REVIEW],
        S.SHORTLISTED: [S.UNDER_REVIEW, S.SHORTLISTED],
        S.WAITLISTED: [S.UNDER_REVIEW, S.WAITLISTED],
        S.ACCEPTED: [S.UNDER_REVIEW, S.SHORTLISTED, S.ACCEPTED],
        S.DECLINED: [S.DECLINED],
    }[to_status]
    for status in path:
        services.application_transition(application=application, to_status=status, by=manager)


def _release(cohort, manager):
    services.decisions_release(cohort=cohort, by=manager, override=True)


def build(phase, *, programme, member, manager, submit):
    """The member's application in ``phase``; returns it, reloaded."""
    when = {
        "accepted_after_start": "running",
        "participant": "running",
        "completed_with_certificate": "ended",
        "not_completed": "ended",
    }.get(phase, "open")
    cohort = _cohort(programme, when)
    during_call = cohort.applications_open + timedelta(hours=1)
    if phase == "draft":
        services.application_start(cohort=cohort, member=member)
        return Application.objects.get(applicant=member)
    application = submit(cohort, member, now=during_call)
    decision = {
        "under_review": S.UNDER_REVIEW,
        "shortlisted": S.SHORTLISTED,
        "waitlisted": S.WAITLISTED,
        "declined_released": S.DECLINED,
        "declined_unreleased": S.DECLINED,
    }.get(phase, S.ACCEPTED if phase not in {"submitted", "withdrawn"} else None)
    if decision:
        _decide(application, decision, manager)
    if phase not in {"accepted_after_start", "declined_unreleased"} and decision in {
        S.ACCEPTED,
        S.WAITLISTED,
        S.DECLINED,
    }:
        _release(cohort, manager)
    participant = Participant.objects.filter(application=application).first()
    if phase == "completed_with_certificate":
        services.participant_set_completion(participant=participant, completed=True, by=manager)
    if phase == "not_completed":
        services.participant_set_completion(participant=participant, completed=False, by=manager)
    if phase == "withdrawn":
        services.application_withdraw(application=application, member=member)
    return Application.objects.select_related("cohort").get(pk=application.pk)


#: phase → None (withdrawal allowed) or the refusal's code.
PHASES = {
    "draft": None,
    "submitted": None,
    "under_review": None,
    "shortlisted": None,
    "waitlisted": None,
    "accepted_before_start": None,
    "accepted_after_start": "cohort_started",
    "participant": "cohort_started",
    "completed_with_certificate": "completed",
    "not_completed": "cohort_started",
    "declined_released": "declined",
    # Not told yet: to the applicant it reads "under review", and withdrawing must not
    # give the decision away.
    "declined_unreleased": None,
    "withdrawn": "already_withdrawn",
}


def _earned(member, cohort, client):
    """What the member earned, as others see it: certificate, badge, listing, verification."""
    certificate = Certificate.objects.filter(participant__user=member).first()
    if certificate is None:
        return None
    programme = cohort.get_parent().specific
    client.force_login(UserFactory())
    listing = client.get(programme.url + "alumni/").content.decode()
    client.logout()
    verify = client.get(reverse("cohorts:certificate_verify", args=[certificate.identifier]))
    return {
        "certificate": (certificate.pk, certificate.holder_name, certificate.is_revoked),
        "badge": list(selectors.alumni_cohorts_for(member)) == [cohort],
        "listed": member.profile.display_name in listing,
        "verified": verify.status_code == 200 and "Valid" in verify.content.decode(),
    }


@pytest.mark.parametrize(("phase", "refusal"), list(PHASES.items()))
def test_withdraw_in_every_phase(
    phase, refusal, programme, member, manager, submit, client, django_capture_on_commit_callbacks
):
    member.profile.visibility = Visibility.MEMBERS
    member.profile.save()
    application = build(phase, programme=programme, member=member, manager=manager, submit=submit)
    cohort = application.cohort
    earned_before = _earned(member, cohort, client)
    participations_before = Participant.objects.filter(user=member).count()
    assert services.withdrawal_refusal(application) == refusal

    if refusal is None:
        services.application_withdraw(application=application, member=member)
        application.refresh_from_db()
        assert application.status == S.WITHDRAWN
        assert application.released_status == ""
        # Only a place not yet begun goes back to the pool.
        assert not Participant.objects.filter(user=member, cohort=cohort).exists()
        assert services.accepted_count(cohort) == 0
    else:
        status_before = (application.status, application.released_status)
        with pytest.raises(ApplicationError) as exc:
            services.application_withdraw(application=application, member=member)
        assert exc.value.code == refusal
        application.refresh_from_db()
        assert (application.status, application.released_status) == status_before
        assert Participant.objects.filter(user=member).count() == participations_before
        # Through the site: no button that would fail, the reason instead, and a POST
        # to the withdraw address changes nothing.
        client.force_login(member)
        html = client.get(reverse("cohorts:my_applications")).content.decode()
        assert reverse("cohorts:withdraw", args=[application.pk]) not in html
        if refusal in {"cohort_started", "completed"}:
            assert str(ApplicationError(refusal).message) in html
        response = client.post(reverse("cohorts:withdraw", args=[application.pk]))
        assert response.status_code == 409
        application.refresh_from_db()
        assert (application.status, application.released_status) == status_before
    # Whatever happened, what the member earned is still there, as it was.
    assert _earned(member, cohort, client) == earned_before
    if phase == "completed_with_certificate":
        assert earned_before == {
            "certificate": (earned_before["certificate"][0], member.name, False),
            "badge": True,
            "listed": True,
            "verified": True,
        }


def test_withdrawal_ends_when_the_cohort_starts_in_the_programme_timezone(home, member, submit):
    auckland = ZoneInfo("Pacific/Auckland")
    programme = ProgrammePageFactory(parent=home, timezone="Pacific/Auckland")
    cohort = CohortPageFactory(
        parent=programme,
        applications_open=datetime(2031, 3, 1, 9, 0, tzinfo=auckland),
        applications_close=datetime(2031, 3, 31, 23, 59, tzinfo=auckland),
        start_date=date(2031, 5, 1),
        end_date=date(2031, 7, 31),
    )
    application = submit(cohort, member, now=datetime(2031, 3, 10, tzinfo=auckland))
    # 1 May 00:00 in Auckland (NZST, UTC+12) is 30 April 12:00 UTC.
    utc = ZoneInfo("UTC")
    last_moment = datetime(2031, 4, 30, 11, 59, 59, tzinfo=utc)
    first_day = datetime(2031, 4, 30, 12, 0, tzinfo=utc)
    assert cohort.starts_at == first_day
    assert services.withdrawal_refusal(application, now=last_moment) is None
    assert services.withdrawal_refusal(application, now=first_day) == "cohort_started"
    with pytest.raises(ApplicationError) as exc:
        services.application_withdraw(application=application, member=member, now=first_day)
    assert exc.value.code == "cohort_started"
    services.application_withdraw(application=application, member=member, now=last_moment)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_withdrawing_an_accepted_place_before_the_start_frees_it(
    cohort, member, manager, submit, client
):
    application = submit(cohort, member)
    _decide(application, S.ACCEPTED, manager)
    _release(cohort, manager)
    assert Participant.objects.filter(user=member).exists()
    client.force_login(member)
    url = reverse("cohorts:withdraw", args=[application.pk])
    html = client.get(url).content.decode()
    assert "You give up your place in the cohort" in html
    assert client.post(url).status_code == 302
    assert not Participant.objects.filter(user=member).exists()
    assert services.accepted_count(cohort) == 0
    # The space is closed to them now; the withdrawal is in the staff history.
    assert client.get(reverse("cohorts:space", args=[cohort.pk])).status_code == 403
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="cohorts.withdraw")
    assert entry.user_id == member.pk
    assert entry.data == {"from": S.ACCEPTED, "place_released": True}


def test_refusal_names_whom_to_contact(client, site, programme, member, manager, submit):
    from home.models import SiteSettings

    SiteSettings.objects.update(contact_email="programmes@example.org")
    application = build(
        "participant", programme=programme, member=member, manager=manager, submit=submit
    )
    client.force_login(member)
    html = client.get(reverse("cohorts:my_applications")).content.decode()
    assert "This cohort has started" in html
    assert "mailto:programmes@example.org" in html
    page = client.get(reverse("cohorts:withdraw", args=[application.pk]))
    assert page.status_code == 200
    assert "mailto:programmes@example.org" in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split("<main", 1)[-1].split("</main>")[0]


def test_a_certificate_outlives_any_attempt_to_remove_its_participation(
    programme, member, manager, submit
):
    application = build(
        "completed_with_certificate",
        programme=programme,
        member=member,
        manager=manager,
        submit=submit,
    )
    participant = Participant.objects.get(application=application)
    certificate = Certificate.objects.get(participant=participant)
    with pytest.raises(ProtectedError):
        participant.delete()
    # Marking "not completed" by mistake does not silently end it either.
    with pytest.raises(ParticipantError) as exc:
        services.participant_set_completion(participant=participant, completed=False, by=manager)
    assert exc.value.code == "certificate_held"
    participant.refresh_from_db()
    assert participant.status == Participant.Status.COMPLETED
    # Revocation (staff, with a reason, logged) is the way a certificate ends.
    services.certificate_revoke(certificate=certificate, by=manager, reason="Recorded in error")
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_reason == "Recorded in error"
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="cohorts.certificate_revoke")
    assert entry.user_id == manager.pk and entry.data == {"reason": "Recorded in error"}
    services.participant_set_completion(participant=participant, completed=False, by=manager)
    assert Certificate.objects.filter(pk=certificate.pk).exists()  # revoked, still there


def test_account_deletion_keeps_the_certificate_nameless_and_revoked(
    programme, member, manager, submit, client
):
    from community import services as community_services

    application = build(
        "completed_with_certificate",
        programme=programme,
        member=member,
        manager=manager,
        submit=submit,
    )
    certificate = Certificate.objects.get(participant__application=application)
    community_services.account_delete(user=member)
    certificate.refresh_from_db()
    assert certificate.holder_name == ""
    assert certificate.is_revoked and certificate.revoked_reason == "account deleted"
    html = client.get(
        reverse("cohorts:certificate_verify", args=[certificate.identifier])
    ).content.decode()
    assert "Revoked" in html


def test_admin_participants_screen_refuses_to_undo_a_completion(
    client, programme, member, manager, submit
):
    application = build(
        "completed_with_certificate",
        programme=programme,
        member=member,
        manager=manager,
        submit=submit,
    )
    participant = Participant.objects.get(application=application)
    client.force_login(manager)
    url = reverse("cohorts_admin_participants", args=[application.cohort_id])
    response = client.post(url, {"action": "not_complete", "participants": [participant.pk]})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "holds a certificate for this cohort" in html
    participant.refresh_from_db()
    assert participant.status == Participant.Status.COMPLETED
    # A revocation without a reason is refused too.
    certificate = participant.certificate
    client.post(url, {"action": "revoke", "certificate": certificate.pk, "reason": ""})
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert "Give a reason" in client.get(url).content.decode()
