"""Staff screens: registrations per event, manual add, cancel, promote, check-in, export."""

import pytest

from community.factories import UserFactory
from events import services
from events.models import Registration
from home.exports import neutralise

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_members_cannot_reach_the_staff_screens(client, member, event):
    client.force_login(member)
    for url in ("/admin/event-registrations/", f"/admin/event-registrations/{event.pk}/"):
        assert client.get(url).status_code in {302, 403}


def test_event_list_and_registrations_screen(staff_client, event):
    for _ in range(3):
        services.registration_create(event=event, user=UserFactory())
    html = staff_client.get("/admin/event-registrations/").content.decode()
    assert event.title in html
    html = staff_client.get(f"/admin/event-registrations/{event.pk}/").content.decode()
    assert "2 confirmed · 1 waiting" in html
    html = staff_client.get(
        f"/admin/event-registrations/{event.pk}/?status=waitlisted"
    ).content.decode()
    assert "no. 1" in html
    assert (
        staff_client.get(f"/admin/event-registrations/{event.pk}/?status=bogus&p=-4").status_code
        == 200
    )
    assert staff_client.get("/admin/event-registrations/99999999/").status_code in {302, 404}


def test_manual_add_cancel_and_promote(staff_client, event):
    users = [UserFactory() for _ in range(3)]
    url = f"/admin/event-registrations/{event.pk}/"
    for user in users:
        staff_client.post(url, {"email": user.email})
    assert staff_client.post(url, {"email": "nobody@example.org"}).status_code == 200
    rows = list(Registration.objects.order_by("queue_number"))
    assert [r.status for r in rows] == ["confirmed", "confirmed", "waitlisted"]
    assert all(r.added_by_staff for r in rows)
    staff_client.post(f"/admin/event-registrations/registration/{rows[2].pk}/promote/")
    assert Registration.objects.get(pk=rows[2].pk).status == "waitlisted"  # full: moved to front
    staff_client.post(f"/admin/event-registrations/registration/{rows[0].pk}/cancel/")
    assert Registration.objects.get(pk=rows[2].pk).status == "confirmed"
    assert (
        staff_client.post(
            f"/admin/event-registrations/registration/{rows[0].pk}/explode/"
        ).status_code
        == 302
    )
    assert (
        staff_client.get(
            f"/admin/event-registrations/registration/{rows[2].pk}/promote/"
        ).status_code
        == 405
    )


def test_check_in_list_searches_and_marks_attended(staff_client, event):
    ana = UserFactory(name="Ana Lima")
    services.registration_create(event=event, user=ana)
    services.registration_create(event=event, user=UserFactory(name="Bo Chen"))
    url = f"/admin/event-registrations/{event.pk}/check-in/"
    html = staff_client.get(url + "?q=lima").content.decode()
    assert "Ana Lima" in html and "Bo Chen" not in html
    registration = Registration.objects.get(user=ana)
    response = staff_client.post(
        f"/admin/event-registrations/registration/{registration.pk}/check-in/",
        {"next": url + "?q=lima"},
    )
    assert response["Location"] == url + "?q=lima"
    assert Registration.objects.get(pk=registration.pk).attended
    assert "1 of 2 checked in" in staff_client.get(url).content.decode()


def test_message_screen_sends(staff_client, event, mails):
    services.registration_create(event=event, user=UserFactory())
    url = f"/admin/event-registrations/{event.pk}/message/"
    assert staff_client.get(url).status_code == 200
    staff_client.post(url, {"audience": "confirmed", "subject": "Venue change", "body": "Room 2."})
    assert [m.subject for m in mails(reason="events.message")] == ["Venue change"]


def test_export_is_formula_safe(staff_client, event):
    evil = UserFactory(name='=HYPERLINK("http://evil")')
    services.registration_create(
        event=event, user=evil, answers={"k": {"question": "Q", "answer": "+1"}}
    )
    from django.urls import reverse

    response = staff_client.get(
        f"{reverse('events_registration:index')}?event={event.pk}&export=csv"
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert ",=" not in body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33", "'+33"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Ana", "Ana"),
        (3, 3),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_page_header_has_registration_buttons(staff_client, event):
    html = staff_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"/admin/event-registrations/{event.pk}/" in html


def test_generic_registration_admin_is_read_only(staff_client, event):
    from django.urls import reverse

    registration = services.registration_create(event=event, user=UserFactory()).registration
    assert staff_client.get(reverse("events_registration:index")).status_code == 200
    assert (
        staff_client.get(reverse("events_registration:inspect", args=[registration.pk])).status_code
        == 200
    )
    assert staff_client.get(reverse("events_registration:add")).status_code == 302
    assert (
        staff_client.get(reverse("events_registration:edit", args=[registration.pk])).status_code
        == 302
    )
    assert (
        staff_client.post(reverse("events_registration:delete", args=[registration.pk])).status_code
        == 302
    )
    assert Registration.objects.filter(pk=registration.pk).exists()
