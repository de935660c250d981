"""Cohort spaces, alumni helpers and certificates."""

import json
from datetime import timedelta

from django.urls import reverse

import pytest

from cohorts import selectors, services
from cohorts.errors import CertificateError, CohortsNotAllowed
from cohorts.factories import CohortPageFactory
from cohorts.models import Certificate, Participant
from community.factories import UserFactory
from community.models import Profile, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants(cohort, submit, manager):
    """Three accepted and released participants of ``cohort``."""
    people = [UserFactory() for _ in range(3)]
    for person in people:
        application = submit(cohort, person)
        for status in ("under_review", "shortlisted", "accepted"):
            services.application_transition(application=application, to_status=status, by=manager)
    closed = cohort.applications_close + timedelta(minutes=1)
    services.decisions_release(cohort=cohort, by=manager, now=closed)
    return people


def test_space_for_participants_and_staff_only(client, cohort, participants, manager, member):
    """The cohort space is now the cohort's group: those who could open it are sent there
    (tests/spaces/test_cohort_space.py follows them in)."""
    from spaces.models import Space

    url = reverse("cohorts:space", args=[cohort.pk])
    client.force_login(participants[0])
    response = client.get(url)
    space = Space.objects.originals().get(cohort=cohort)
    assert response.status_code == 302
    assert response["Location"] == reverse("spaces:space", args=[space.slug])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(manager)
    assert client.get(url).status_code == 302
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_participant_sees_only_their_own_cohort_space(client, programme, cohort, participants):
    other = CohortPageFactory(parent=programme)
    client.force_login(participants[0])
    assert client.get(reverse("cohorts:space", args=[other.pk])).status_code == 403


def test_completion_makes_alumni_and_certificates(cohort, participants, manager):
    done, not_done = Participant.objects.order_by("pk")[:2]
    services.participant_set_completion(participant=done, completed=True, by=manager)
    services.participant_set_completion(participant=not_done, completed=False, by=manager)
    assert list(selectors.alumni_cohorts_for(done.user)) == [cohort]
    assert not selectors.alumni_cohorts_for(not_done.user).exists()
    assert selectors.is_alumni(done.user)
    profiles = selectors.filter_profiles_by_cohort(Profile.objects.all(), cohort=cohort)
    assert list(profiles) == [done.user.profile]
    everyone = selectors.filter_profiles_by_cohort(Profile.objects.all(), alumni_only=False)
    assert set(everyone) == {p.profile for p in participants} - {not_done.user.profile}
    certificate = Certificate.objects.get()
    assert certificate.participant == done
    assert certificate.holder_name == done.user.name
    # Marking twice does not issue a second certificate.
    services.participant_set_completion(participant=done, completed=True, by=manager)
    assert Certificate.objects.count() == 1


def test_alumni_network_page(client, programme, cohort, participants, manager, member):
    for participant in Participant.objects.all():
        services.participant_set_completion(participant=participant, completed=True, by=manager)
    hidden = participants[0].profile
    hidden.visibility = Visibility.HIDDEN
    hidden.display_name = "Invisible Alumna"
    hidden.save()
    client.force_login(member)
    url = programme.url + "alumni/"
    html = client.get(url).content.decode()
    assert participants[1].profile.display_name in html
    assert "Invisible Alumna" not in html
    for params in [{"region": "nowhere"}, {"cohort": "abc"}, {"page": "999999"}, {"theme": "-1"}]:
        assert client.get(url, params).status_code == 200


def test_alumni_page_query_count_is_bounded(
    client, programme, cohort, participants, manager, member, submit, django_assert_max_num_queries
):
    for participant in Participant.objects.all():
        services.participant_set_completion(participant=participant, completed=True, by=manager)
    client.force_login(member)
    url = programme.url + "alumni/"
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for _ in range(8):
        person = UserFactory()
        p = Participant.objects.create(cohort=cohort, user=person, status="completed")
        assert p.pk
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_certificate_pages(client, cohort, participants, manager, member):
    participant = Participant.objects.get(user=participants[0])
    services.participant_set_completion(participant=participant, completed=True, by=manager)
    certificate = Certificate.objects.get()
    client.force_login(participants[0])
    page = client.get(reverse("cohorts:certificate", args=[certificate.identifier]))
    assert page.status_code == 200
    assert certificate.holder_name in page.content.decode()
    pdf = client.get(reverse("cohorts:certificate_pdf", args=[certificate.identifier]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    badge = client.get(reverse("cohorts:certificate_badge", args=[certificate.identifier]))
    data = json.loads(badge.content)
    assert "OpenBadgeCredential" in data["type"]
    assert data["id"].endswith(f"/verify/{certificate.identifier}/")
    assert data["credentialSubject"]["achievement"]["name"] == cohort.title
    # Another member cannot open someone's certificate page (only the public check).
    client.force_login(member)
    assert (
        client.get(reverse("cohorts:certificate", args=[certificate.identifier])).status_code == 404
    )


def test_verification_valid_unknown_revoked(client, cohort, participants, manager):
    participant = Participant.objects.get(user=participants[0])
    services.participant_set_completion(participant=participant, completed=True, by=manager)
    certificate = Certificate.objects.get()
    url = reverse("cohorts:certificate_verify", args=[certificate.identifier])
    response = client.get(url)  # a stranger, not signed in
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in html
    assert certificate.holder_name in html and cohort.title in html
    # Holder, cohort and date: nothing else (no email, no organisation, no country).
    assert participants[0].email not in html
    assert "Kenya" not in html
    unknown = client.get(reverse("cohorts:certificate_verify", args=["not-a-real-id"]))
    assert unknown.status_code == 404
    assert "No certificate has this identifier" in unknown.content.decode()
    services.certificate_revoke(certificate=certificate, by=manager, reason="Error")
    html = client.get(url).content.decode()
    assert "Revoked" in html and "Valid" not in html
    assert "Error" not in html  # the reason is for staff


def test_identifiers_are_unguessable(cohort, manager):
    identifiers = set()
    for _ in range(30):
        person = UserFactory()
        participant = Participant.objects.create(cohort=cohort, user=person)
        services.participant_set_completion(participant=participant, completed=True, by=manager)
        identifiers.add(participant.certificate.identifier)
    assert len(identifiers) == 30
    for identifier in identifiers:
        assert len(identifier) >= 32  # 192 random bits
        assert not identifier.isdigit()
    # No shared prefix or sequence between consecutive certificates.
    ordered = list(Certificate.objects.order_by("pk").values_list("identifier", flat=True))
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a[:6] != b[:6]


def test_only_staff_revoke_and_complete(cohort, participants, reviewer, manager):
    participant = Participant.objects.first()
    with pytest.raises(CohortsNotAllowed) as exc:
        services.participant_set_completion(participant=participant, completed=True, by=reviewer)
    assert exc.value.code == "not_manager"
    with pytest.raises(CohortsNotAllowed) as exc:
        services.participant_set_completion(
            participant=participant, completed=True, by=participants[0]
        )
    assert exc.value.code == "not_manager"
    assert not Certificate.objects.exists()
    services.participant_set_completion(participant=participant, completed=True, by=manager)
    certificate = Certificate.objects.get()
    for actor in (reviewer, participants[0]):
        with pytest.raises(CohortsNotAllowed):
            services.certificate_revoke(certificate=certificate, by=actor, reason="No")
    # Staff revoke only with a reason.
    with pytest.raises(CertificateError) as exc:
        services.certificate_revoke(certificate=certificate, by=manager, reason="  ")
    assert exc.value.code == "reason_required"
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_participants_admin_screen(client, cohort, participants, manager):
    client.force_login(manager)
    url = reverse("cohorts_admin_participants", args=[cohort.pk])
    assert client.get(url).status_code == 200
    ids = list(Participant.objects.values_list("pk", flat=True))
    client.post(url, {"action": "complete", "participants": ids})
    assert Certificate.objects.count() == 3
    certificate = Certificate.objects.first()
    client.post(url, {"action": "revoke", "certificate": certificate.pk, "reason": "x"})
    certificate.refresh_from_db()
    assert certificate.is_revoked
    client.post(url, {"action": "revoke", "certificate": "nonsense"})


def test_member_deletion_anonymises(cohort, participants, manager):
    from community.signals import member_deleting

    person = participants[0]
    participant = Participant.objects.get(user=person)
    services.participant_set_completion(participant=participant, completed=True, by=manager)
    member_deleting.send(sender=None, user=person)
    person.delete()
    application = participant.application
    application.refresh_from_db()
    assert application.applicant is None
    assert application.applicant_name == ""
    assert application.answers == {}
    certificate = Certificate.objects.get()
    assert certificate.holder_name == "" and certificate.is_revoked


def test_alumni_badges_and_ids(cohort, participants, manager):
    from django.template import Context, Template

    participant = Participant.objects.get(user=participants[0])
    services.participant_set_completion(participant=participant, completed=True, by=manager)
    assert selectors.alumni_user_ids([p.pk for p in participants]) == {participants[0].pk}
    html = Template("{% load cohorts_tags %}{% alumni_badges user %}").render(
        Context({"user": participants[0]})
    )
    assert f"Alumni · {cohort.title}" in html
    html = Template("{% load cohorts_tags %}{% alumni_badges user %}").render(
        Context({"user": participants[1]})
    )
    assert "Alumni" not in html
