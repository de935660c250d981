"""Hybrid events: two kinds of place, each with its capacity, waiting list and promotion;
picking one when registering, switching while places remain, what staff see."""

import pytest

from community.factories import UserFactory
from events import services
from events.errors import RegistrationError
from events.models import Registration, RegistrationStatus
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


@pytest.fixture
def hybrid(make_event):
    return make_event(
        title="Hybrid exchange",
        slug="hybrid-exchange",
        attendance_mode="hybrid",
        venue_name="Casa Abierta",
        city="Bogotá",
        capacity=2,
        online_capacity=1,
    )


def register(event, place, user=None):
    return services.registration_create(event=event, user=user or UserFactory(), place=place)


def test_each_kind_fills_and_waits_on_its_own(hybrid):
    a, b, c = (register(hybrid, "in_person").registration for _ in range(3))
    x, y = (register(hybrid, "online").registration for _ in range(2))
    assert [a.status, b.status, c.status] == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert [x.status, y.status] == [CONFIRMED, WAITLISTED]
    # Two lines, each starting at 1.
    assert c.waitlist_position() == 1 and y.waitlist_position() == 1
    # A place online freed goes to the first online in line, not to in-person waiting.
    services.registration_cancel(registration=x)
    y.refresh_from_db(), c.refresh_from_db()
    assert y.status == CONFIRMED and c.status == WAITLISTED
    services.registration_cancel(registration=a)
    c.refresh_from_db()
    assert c.status == CONFIRMED


def test_registering_for_a_hybrid_event_needs_a_kind_of_place(hybrid):
    for place in ("", "backstage"):
        with pytest.raises(RegistrationError) as refused:
            register(hybrid, place)
        assert "in person or online" in str(refused.value.message)
    assert not Registration.objects.exists()


def test_other_events_ignore_the_place(event):
    registration = register(event, "online").registration
    assert registration.place == "" and registration.status == CONFIRMED


def test_switching_to_a_free_place_promotes_the_next_in_the_kind_left(hybrid):
    a = register(hybrid, "in_person").registration
    register(hybrid, "in_person")
    waiting = register(hybrid, "in_person").registration
    moved = services.registration_switch(registration=a, place="online")
    assert moved.place == "online" and moved.status == CONFIRMED
    waiting.refresh_from_db()
    assert waiting.status == CONFIRMED  # the in-person place left went to the line
    assert OutboxEmail.objects.filter(reason="events.switched", to=a.email).count() == 1
    assert OutboxEmail.objects.filter(reason="events.promoted", to=waiting.email).count() == 1


def test_a_confirmed_member_never_jumps_the_online_waiting_list(hybrid):
    register(hybrid, "online")
    online_waiting = register(hybrid, "online").registration
    a = register(hybrid, "in_person").registration
    with pytest.raises(RegistrationError) as refused:
        services.registration_switch(registration=a, place="online")
    assert "keep the place you have" in str(refused.value.message)
    a.refresh_from_db()
    assert a.place == "in_person" and a.status == CONFIRMED  # kept
    assert online_waiting.waitlist_position() == 1


def test_someone_waiting_joins_the_end_of_the_other_line(hybrid):
    register(hybrid, "online")
    first_online = register(hybrid, "online").registration
    register(hybrid, "in_person"), register(hybrid, "in_person")
    waiting = register(hybrid, "in_person").registration
    moved = services.registration_switch(registration=waiting, place="online")
    assert moved.status == WAITLISTED and moved.place == "online"
    assert moved.waitlist_position() == 2  # behind the one already waiting online
    assert first_online.waitlist_position() == 1


def test_someone_waiting_takes_a_free_place_of_the_other_kind(hybrid):
    register(hybrid, "in_person"), register(hybrid, "in_person")
    waiting = register(hybrid, "in_person").registration
    moved = services.registration_switch(registration=waiting, place="online")
    assert moved.status == CONFIRMED and moved.place == "online"


@pytest.mark.parametrize("place", ["", "elsewhere"])
def test_switching_to_nonsense_is_refused(hybrid, place):
    a = register(hybrid, "in_person").registration
    with pytest.raises(RegistrationError):
        services.registration_switch(registration=a, place=place)


def test_switching_at_an_event_with_one_kind_is_refused(event):
    a = register(event, "").registration
    with pytest.raises(RegistrationError) as refused:
        services.registration_switch(registration=a, place="online")
    assert "only one kind" in str(refused.value.message)


# -- the member's screens ------------------------------------------------------------


def test_the_form_offers_both_kinds_with_places_left(client, hybrid, member):
    register(hybrid, "online")
    client.force_login(member)
    html = client.get(hybrid.url).content.decode()
    assert 'type="radio" name="place" value="in_person"' in html
    assert "In person: 2 places left" in html
    assert "Online: full, you would join its waiting list" in html


def test_registering_without_a_kind_answers_a_clear_message(client, hybrid, member):
    client.force_login(member)
    for data in ({}, {"place": "backstage"}):
        response = client.post(hybrid.url + "register/", data)
        assert response.status_code == 400
        assert "Choose how you will take part" in response.content.decode()
    assert not Registration.objects.exists()


def test_register_then_switch_through_the_page(client, hybrid, member):
    client.force_login(member)
    html = client.post(hybrid.url + "register/", {"place": "in_person"}, follow=True)
    html = html.content.decode()
    assert "Your place: In person." in html
    assert "Switch my place to: Online" in html
    html = client.post(hybrid.url + "switch/", {"place": "online"}, follow=True).content.decode()
    assert "Your place is now: Online" in html
    assert Registration.objects.get(user=member).place == "online"


def test_switching_to_a_full_kind_through_the_page_keeps_the_place(client, hybrid, member):
    register(hybrid, "online")
    client.force_login(member)
    client.post(hybrid.url + "register/", {"place": "in_person"})
    html = client.get(hybrid.url).content.decode()
    assert "No place left for: Online. You keep the place you have." in html
    response = client.post(hybrid.url + "switch/", {"place": "online"}, follow=True)
    assert "keep the place you have" in response.content.decode()
    assert Registration.objects.get(user=member).place == "in_person"


@pytest.mark.parametrize("data", [{}, {"place": "x" * 500}])
def test_switch_with_nonsense_answers_a_message(client, hybrid, member, data):
    client.force_login(member)
    client.post(hybrid.url + "register/", {"place": "in_person"})
    response = client.post(hybrid.url + "switch/", data, follow=True)
    assert response.status_code == 200
    assert "Choose how you will take part" in response.content.decode()


def test_switch_needs_sign_in_and_a_registration(client, hybrid, member):
    response = client.post(hybrid.url + "switch/", {"place": "online"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(member)
    response = client.post(hybrid.url + "switch/", {"place": "online"}, follow=True)
    assert "no registration to change" in response.content.decode()
    assert client.get(hybrid.url + "switch/").status_code == 302


def test_confirmation_email_and_ics_say_which_place(hybrid, member, mails):
    from home.outbox import build_message

    register(hybrid, "online", member)
    (email,) = mails(to=member.email)
    assert "Your place: Online" in email.body_text
    ics = build_message(email).attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "Your place: Online" in ics


# -- staff ---------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_staff_see_filter_and_export_the_kind(staff_client, hybrid):
    from django.urls import reverse

    ana = UserFactory(name="Ana Online")
    bo = UserFactory(name="Bo Inperson")
    register(hybrid, "online", ana), register(hybrid, "in_person", bo)
    url = reverse("events_admin:registrations", args=[hybrid.pk])
    html = staff_client.get(url).content.decode()
    assert "In person: 1 confirmed of 2" in html and "Online: 1 confirmed of 1" in html
    html = staff_client.get(url + "?place=online").content.decode()
    assert "Ana Online" in html and "Bo Inperson" not in html
    html = staff_client.get(url + "?place=nonsense").content.decode()
    assert "Ana Online" in html and "Bo Inperson" in html
    export = staff_client.get(
        f"{reverse('events_registration:index')}?event={hybrid.pk}&place=online&export=csv"
    )
    body = b"".join(export.streaming_content).decode()
    assert "Ana Online" in body and "Bo Inperson" not in body and "Online" in body


def test_staff_add_someone_by_hand_to_a_kind(staff_client, hybrid):
    from django.urls import reverse

    someone = UserFactory()
    url = reverse("events_admin:registrations", args=[hybrid.pk])
    response = staff_client.post(url, {"email": someone.email})
    assert response.status_code == 200 and not Registration.objects.exists()  # kind required
    staff_client.post(url, {"email": someone.email, "place": "online"})
    assert Registration.objects.get(user=someone).place == "online"
