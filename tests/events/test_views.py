"""The member's journey through the views: sign in, register, see status, cancel."""

import pytest

from community.factories import UserFactory
from community.models import Visibility
from events import services
from events.factories import RegistrationQuestionFactory
from events.models import Audience, Registration

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, event):
    html = client.get(event.url).content.decode()
    assert f"/en/accounts/login/?next={event.url}" in html
    response = client.post(event.url + "register/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={event.url.replace('/', '%2F')}"
    assert not Registration.objects.exists()


def test_register_in_one_step_then_see_status_and_link(client, event, member):
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert event.online_url not in html
    response = client.post(event.url + "register/", {"show_in_attendee_list": "on"}, follow=True)
    html = response.content.decode()
    assert "You have a place" in html
    assert event.online_url in html
    assert Registration.objects.get(user=member).show_in_attendee_list


def test_replayed_post_keeps_one_registration(client, event, member):
    client.force_login(member)
    for _ in range(3):
        client.post(event.url + "register/")
    assert Registration.objects.filter(user=member).count() == 1


def test_full_event_offers_the_waiting_list_and_shows_position(client, event, member):
    for _ in range(2):
        services.registration_create(event=event, user=UserFactory())
    client.force_login(member)
    assert "Join the waiting list" in client.get(event.url).content.decode()
    html = client.post(event.url + "register/", follow=True).content.decode()
    assert "waiting list, number 1" in html
    assert "You are number 1 on the waiting list" in html
    assert event.online_url not in html


def test_questions_are_asked_and_required_ones_enforced(client, event, member):
    question = RegistrationQuestionFactory(page=event, label="Dietary needs?", required=True)
    RegistrationQuestionFactory(page=event, label="Need a visa letter?", kind="yes_no")
    client.force_login(member)
    assert "Dietary needs?" in client.get(event.url).content.decode()
    response = client.post(event.url + "register/", {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    client.post(event.url + "register/", {f"q_{question.pk}": "Vegetarian"})
    answers = Registration.objects.get(user=member).answers
    assert answers[str(question.translation_key)] == {
        "question": "Dietary needs?",
        "answer": "Vegetarian",
    }


def test_oversize_and_nonsense_answers_are_refused_gently(client, event, member):
    question = RegistrationQuestionFactory(page=event, label="Pick", kind="choice", choices="A\nB")
    client.force_login(member)
    response = client.post(event.url + "register/", {f"q_{question.pk}": "Z"})
    assert response.status_code == 400
    response = client.post(event.url + "register/", {f"q_{question.pk}": "A" * 10_000})
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_window_closed_message(client, make_event, member):
    from datetime import timedelta

    from django.utils import timezone

    event = make_event(registration_closes=timezone.now() - timedelta(hours=1))
    client.force_login(member)
    assert "Registration for this event is closed" in client.get(event.url).content.decode()
    response = client.post(event.url + "register/", follow=True)
    assert "closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_cohort_event_refuses_other_members(client, make_event, member):
    event = make_event(audience=Audience.COHORTS)
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert "open only to the participants" in html
    client.post(event.url + "register/")
    assert not Registration.objects.exists()


def test_cancel_from_event_page_and_from_my_events(client, event, member):
    client.force_login(member)
    client.post(event.url + "register/")
    # GET asks first (tests/events/test_confirmations.py); only the POST cancels.
    assert client.get(event.url + "cancel/").status_code == 200
    assert Registration.objects.get(user=member).status == "confirmed"
    client.post(event.url + "cancel/")
    assert Registration.objects.get(user=member).status == "cancelled"
    client.post(event.url + "register/")
    registration = Registration.objects.get(user=member)
    html = client.get("/en/my-events/").content.decode()
    assert event.title in html and "Confirmed" in html
    client.post(f"/en/my-events/{registration.pk}/cancel/")
    assert Registration.objects.get(user=member).status == "cancelled"
    # Someone else's registration, or nonsense: 404, never a 500.
    other = services.registration_create(event=event, user=UserFactory()).registration
    assert client.post(f"/en/my-events/{other.pk}/cancel/").status_code == 404
    assert client.post("/en/my-events/99999999/cancel/").status_code == 404


def test_my_events_shows_waiting_position_and_requires_sign_in(client, event, member):
    assert client.get("/en/my-events/").status_code == 302
    for _ in range(3):
        services.registration_create(event=event, user=UserFactory())
    services.registration_create(event=event, user=member)
    client.force_login(member)
    html = client.get("/en/my-events/").content.decode()
    assert "Number 2 in line" in html


def test_attendee_list_is_opt_in_and_respects_privacy(client, event, member):
    listed = UserFactory(name="Listed Person")
    listed.profile.display_name = "Listed Person"
    listed.profile.save()
    hidden = UserFactory(name="Hidden Person")
    hidden.profile.display_name = "Hidden Person"
    hidden.profile.visibility = Visibility.HIDDEN
    hidden.profile.save()
    shy = UserFactory(name="Shy Person")
    shy.profile.display_name = "Shy Person"
    shy.profile.save()
    event.capacity = 10
    event.save()
    services.registration_create(event=event, user=listed, show_in_attendee_list=True)
    services.registration_create(event=event, user=hidden, show_in_attendee_list=True)
    services.registration_create(event=event, user=shy, show_in_attendee_list=False)
    # Not registered: no list at all.
    client.force_login(member)
    assert "Listed Person" not in client.get(event.url).content.decode()
    services.registration_create(event=event, user=member)
    html = client.get(event.url).content.decode()
    assert "Listed Person" in html
    assert f'<a href="/en/community/members/{listed.profile.pk}/">Listed Person</a>' in html
    assert "Hidden Person" not in html
    assert "Shy Person" not in html
    client.logout()
    assert "Listed Person" not in client.get(event.url).content.decode()


def test_attendee_leaves_and_rejoins_the_attendee_list_from_my_events(client, event, member):
    member.profile.display_name = "Amara Listed"
    member.profile.save()
    other = UserFactory()
    services.registration_create(event=event, user=member, show_in_attendee_list=True)
    services.registration_create(event=event, user=other)
    registration = Registration.objects.get(user=member)
    client.force_login(other)
    assert "Amara Listed" in client.get(event.url).content.decode()

    client.force_login(member)
    html = client.get("/en/my-events/").content.decode()
    assert "Hide me from the attendee list" in html
    url = f"/en/my-events/{registration.pk}/attendee-list/"
    assert client.get(url).status_code == 405
    html = client.post(url, {"show": "0"}, follow=True).content.decode()
    assert "You are no longer shown in the attendee list." in html
    assert "Show me in the attendee list" in html
    client.force_login(other)
    assert "Amara Listed" not in client.get(event.url).content.decode()

    client.force_login(member)
    client.post(url, {"show": "1"})
    client.force_login(other)
    assert "Amara Listed" in client.get(event.url).content.decode()
    # someone else's registration is not theirs to change
    mine = Registration.objects.get(user=other)
    client.force_login(member)
    assert client.post(f"/en/my-events/{mine.pk}/attendee-list/", {"show": "1"}).status_code == 404


def test_members_only_event_hides_details_from_visitors(client, make_event, member):
    event = make_event(
        audience=Audience.MEMBERS, attendance_mode="in_person", venue_name="Salle Verte"
    )
    assert "Salle Verte" not in client.get(event.url).content.decode()
    client.force_login(member)
    assert "Salle Verte" in client.get(event.url).content.decode()


def test_reader_timezone_from_cookie_and_param(client, event):
    html = client.get(event.url).content.decode()
    assert 'data-reader-tz="UTC"' in html
    client.cookies["tz"] = "Asia/Tokyo"
    assert 'data-reader-tz="Asia/Tokyo"' in client.get(event.url).content.decode()
    assert (
        'data-reader-tz="Europe/Paris"'
        in client.get(event.url + "?tz=Europe/Paris").content.decode()
    )
    client.cookies["tz"] = "Not/AZone"
    assert 'data-reader-tz="UTC"' in client.get(event.url + "?tz=<script>").content.decode()


def test_attendance_on_profile_respects_privacy_and_consent(rf, event, member, other_member, staff):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    from events.selectors import attended_events

    services.registration_create(event=event, user=member, show_in_attendee_list=True)
    services.registration_check_in(registration=Registration.objects.get(user=member), by=staff)
    profile = member.profile
    assert list(attended_events(profile=profile, viewer=other_member)) == [event]
    assert (
        list(attended_events(profile=profile, viewer=AnonymousUser())) == []
    )  # members-only profile
    profile.visibility = Visibility.HIDDEN
    profile.save()
    assert list(attended_events(profile=profile, viewer=other_member)) == []
    assert list(attended_events(profile=profile, viewer=member)) == [event]
    Registration.objects.update(show_in_attendee_list=False)
    assert list(attended_events(profile=profile, viewer=staff)) == []
    request = rf.get("/")
    request.user = member
    html = Template("{% load events_tags %}{% profile_attendance profile %}").render(
        Context({"request": request, "profile": profile})
    )
    assert "Events attended" not in html
