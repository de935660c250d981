"""Cancelling a place asks first (member and staff); refusals are coded errors."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.factories import UserFactory
from events import services
from events.errors import RegistrationError
from events.models import Registration
from home.errors import ServiceError

pytestmark = pytest.mark.django_db


def status(user) -> str:
    return Registration.objects.get(user=user).status


def test_cancelling_from_the_event_page_asks_first(client, event, member):
    services.registration_create(event=event, user=member)
    client.force_login(member)
    page = client.get(event.url).content.decode()
    assert f'href="{event.url}cancel/"' in page  # a link to the confirmation, not a POST
    response = client.get(event.url + "cancel/")
    html = response.content.decode()
    assert response.status_code == 200
    assert status(member) == "confirmed"  # a GET changes nothing
    assert f"You give up your place at “{event.title}”" in html
    assert "It goes to the first person on the waiting list" in html
    assert "Keep my place" in html and 'method="post"' in html
    response = client.post(event.url + "cancel/")
    assert response.status_code == 302 and response["Location"] == event.url
    assert status(member) == "cancelled"


def test_cancelling_from_my_events_asks_first_and_says_the_place_in_line(client, event, member):
    for _ in range(event.capacity + 1):
        services.registration_create(event=event, user=UserFactory())
    registration = services.registration_create(event=event, user=member).registration
    assert registration.status == "waitlisted"
    client.force_login(member)
    url = f"/en/my-events/{registration.pk}/cancel/"
    assert f'href="{url}"' in client.get("/en/my-events/").content.decode()
    html = client.get(url).content.decode()
    assert status(member) == "waitlisted"
    assert "give up your number in line (2)" in html
    assert "Stay on the waiting list" in html and 'href="/en/my-events/"' in html
    response = client.post(url)
    assert response["Location"] == "/en/my-events/"
    assert status(member) == "cancelled"
    # Someone else's registration: 404 on the confirmation too.
    other = Registration.objects.exclude(user=member).first()
    assert client.get(f"/en/my-events/{other.pk}/cancel/").status_code == 404


def test_staff_cancelling_a_registrant_asks_first_and_names_who_gets_the_place(
    client, event, staff
):
    holder = UserFactory(name="Ana Lima")
    services.registration_create(event=event, user=holder)
    services.registration_create(event=event, user=UserFactory())
    waiting = UserFactory(name="Bo Chen")
    services.registration_create(event=event, user=waiting)
    registration = Registration.objects.get(user=holder)
    client.force_login(staff)
    listing = f"/admin/event-registrations/{event.pk}/"
    url = f"/admin/event-registrations/registration/{registration.pk}/cancel/"
    assert url in client.get(listing).content.decode()
    response = client.get(url, {"next": listing})
    html = response.content.decode()
    assert response.status_code == 200
    assert status(holder) == "confirmed"
    assert "Ana Lima loses their place at this event." in html
    assert "The place goes to Bo Chen, first on the waiting list" in html
    assert "Keep this registration" in html
    response = client.post(url, {"next": listing})
    assert response.status_code == 302 and response["Location"] == listing
    assert status(holder) == "cancelled"
    assert status(waiting) == "confirmed"


def test_a_refused_registration_is_a_coded_error_and_a_message(client, make_event, member):
    event = make_event(
        title="Closed", slug="closed", registration_closes=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(RegistrationError) as excinfo:
        services.registration_create(event=event, user=member)
    assert excinfo.value.code == "closed"
    assert isinstance(excinfo.value, ServiceError) and excinfo.value.status == 409
    registration = services.registration_create(event=event, user=member, by=member)
    services.registration_cancel(registration=registration.registration)
    with pytest.raises(RegistrationError) as excinfo:
        services.registration_cancel(registration=registration.registration)
    assert excinfo.value.code == "inactive"


def test_a_refusal_on_a_staff_action_comes_back_as_a_message(client, event, staff):
    registration = services.registration_create(event=event, user=UserFactory()).registration
    client.force_login(staff)
    url = f"/admin/event-registrations/registration/{registration.pk}/promote/"
    response = client.post(url, follow=True)
    assert response.redirect_chain[0][0] == f"/admin/event-registrations/{event.pk}/"
    assert "Only people on the waiting list can be promoted." in response.content.decode()
