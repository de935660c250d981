"""Tickets (issue 16): unguessable codes, the holder's printable ticket, the email, and
the door: scan, typed code, name search, refusals, undo, offline batches, who may."""

import json
import re
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, reset_queries, transaction
from django.utils import timezone

import pytest

from community.factories import StaffFactory, UserFactory
from events import services, tickets
from events.errors import CheckInError
from events.models import CheckIn, Registration, RegistrationStatus, Ticket
from events.models.tickets import CODE_ALPHABET, CODE_LENGTH, QR_PREFIX
from home.permissions import ensure_groups

pytestmark = pytest.mark.django_db


def door(event):
    return f"/admin/event-registrations/{event.pk}/check-in/"


def ticket_url(registration):
    return f"/en/my-events/{registration.pk}/ticket/"


def register(event, **user):
    return services.registration_create(event=event, user=UserFactory(**user)).registration


@pytest.fixture
def door_staff(db):
    """An event staff member (the group, not a superuser), with a name people read."""
    user = UserFactory(name="Ana García")
    user.groups.add(ensure_groups()["Event staff"])
    return user


@pytest.fixture
def door_client(client, door_staff):
    client.force_login(door_staff)
    return client


@pytest.fixture
def in_person(make_event):
    return make_event(
        title="Open budgets forum",
        attendance_mode="in_person",
        venue_name="Casa de la Cultura",
        city="Quito",
        country="EC",
        online_url="",
        capacity=3,
    )


# ---------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------


def test_codes_are_long_random_and_unique(event):
    event.capacity = None
    event.save()
    made = [tickets.ticket_for(register(event)) for _ in range(60)]
    for ticket in made:
        assert len(ticket.secret) >= 43  # 32 random bytes: 256 bits
        assert len(ticket.code) == CODE_LENGTH
        assert set(ticket.code) <= set(CODE_ALPHABET)
        assert not set(ticket.code) & set("01OILUV")  # nothing to misread
    assert len({t.secret for t in made}) == 60
    assert len({t.code for t in made}) == 60
    # Not in order of creation: neither secrets nor codes are sequential.
    assert [t.code for t in made] != sorted(t.code for t in made)


def test_a_code_is_unique_within_an_event_and_a_drawn_duplicate_is_drawn_again(
    event, make_event, monkeypatch
):
    first = tickets.ticket_for(register(event))
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.create(
            registration=register(event), event=event, secret="x" * 43, code=first.code
        )
    # Another event may draw the same code.
    other = make_event(title="Another")
    Ticket.objects.create(
        registration=register(other), event=other, secret="y" * 43, code=first.code
    )
    # Drawing a code the event already uses: drawn again, never a crash.
    draws = iter([first.code, "ZZZZ2345"])
    monkeypatch.setattr(tickets, "new_code", lambda: next(draws))
    assert tickets.ticket_for(register(event, name="Late")).code == "ZZZZ2345"


def test_the_ticket_is_made_once(event):
    registration = register(event)
    assert tickets.ticket_for(registration).pk == tickets.ticket_for(registration).pk
    assert Ticket.objects.filter(registration=registration).count() == 1


# ---------------------------------------------------------------------------
# The holder's ticket page
# ---------------------------------------------------------------------------


def test_the_holder_sees_a_printable_ticket(client, in_person):
    registration = register(in_person, name="Lucía Pérez")
    client.force_login(registration.user)
    response = client.get(ticket_url(registration))
    html = response.content.decode()
    ticket = Ticket.objects.get(registration=registration)
    assert response.status_code == 200
    assert "Lucía Pérez" in html and "Open budgets forum" in html
    assert "Casa de la Cultura, Quito, Ecuador" in html
    assert ticket.display_code in html and "Valid" in html
    assert "<svg" in html and 'aria-label="QR code of your ticket"' in html
    assert "css/tickets.css" in html  # print styles
    assert "<script" not in html.split("<main")[1].split("</main>")[0]
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in response["Cache-Control"]


def test_online_event_ticket_says_online(client, event):
    registration = register(event)
    client.force_login(registration.user)
    html = client.get(ticket_url(registration)).content.decode()
    assert re.search(r"<dt>Where</dt><dd>Online</dd>", html)


def test_qr_code_decodes_to_the_secret(event):
    """The SVG is a real QR code of the payload (rendered by the qrcode library)."""
    from events.selectors import ticket_qr_svg

    ticket = tickets.ticket_for(register(event))
    svg = ticket_qr_svg(ticket)
    assert svg.startswith("<svg") and "<path" in svg
    assert ticket.qr_payload == QR_PREFIX + ticket.secret


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("holder", 200),
        ("other member", 404),
        ("event staff", 404),
        ("superuser", 404),
    ],
)
def test_only_the_holder_sees_their_ticket(client, event, who, expected, door_staff):
    registration = register(event)
    people = {
        "holder": registration.user,
        "other member": UserFactory(),
        "event staff": door_staff,
        "superuser": StaffFactory(),
    }
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(ticket_url(registration))
    assert response.status_code == expected
    if expected == 302:
        assert "/login/" in response["Location"]
    assert client.get("/en/my-events/999999/ticket/").status_code in {302, 404}


def test_cancelled_or_waitlisted_ticket_says_not_valid_and_works_again_when_confirmed(
    client, event
):
    holder = register(event)
    code = tickets.ticket_for(holder).code
    client.force_login(holder.user)
    services.registration_cancel(registration=holder, by=holder.user)
    html = client.get(ticket_url(holder)).content.decode()
    assert "Not valid" in html and "<svg" not in html and "registration is cancelled" in html
    # Register again, into a full event: waiting list, still not valid.
    register(event), register(event)
    services.registration_create(event=event, user=holder.user)
    assert Registration.objects.get(pk=holder.pk).status == RegistrationStatus.WAITLISTED
    html = client.get(ticket_url(holder)).content.decode()
    assert "Not valid" in html and "on the waiting list" in html
    # A place opens up: the same ticket, valid again.
    other = Registration.objects.filter(event=event, status="confirmed").first()
    services.registration_cancel(registration=other, by=other.user)
    html = client.get(ticket_url(holder)).content.decode()
    assert "Valid" in html and "<svg" in html
    assert Ticket.objects.get(registration=holder).code == code


def test_ticket_page_costs_the_same_with_more_registrations(
    client, make_event, django_assert_num_queries, django_assert_max_num_queries
):
    member = UserFactory()
    events = [make_event(title=f"E{i}") for i in range(6)]
    first = services.registration_create(event=events[0], user=member).registration
    tickets.ticket_for(first)
    client.force_login(member)
    client.get(ticket_url(first))
    reset_queries()
    with django_assert_max_num_queries(100) as small:
        client.get(ticket_url(first))
    expected = len(small.captured_queries)
    for event in events[1:]:
        tickets.ticket_for(services.registration_create(event=event, user=member).registration)
        for _ in range(3):
            register(event)
    client.get(ticket_url(first))  # the header, cached again after the new events
    reset_queries()
    with django_assert_num_queries(expected):
        client.get(ticket_url(first))


def test_my_events_and_my_space_link_each_ticket(client, event, make_event):
    member = UserFactory()
    first = services.registration_create(event=event, user=member).registration
    second = services.registration_create(
        event=make_event(title="Second"), user=member
    ).registration
    client.force_login(member)
    for url in ("/en/my-events/", "/en/me/"):
        html = client.get(url).content.decode()
        assert ticket_url(first) in html and ticket_url(second) in html, url


# ---------------------------------------------------------------------------
# The email
# ---------------------------------------------------------------------------


def test_confirmation_email_carries_the_code_and_the_link(event, mails):
    registration = register(event)
    [email] = mails(reason="events.confirmation")
    ticket = Ticket.objects.get(registration=registration)
    assert f"Ticket code (if you cannot show the QR code): {ticket.display_code}" in email.body_text
    assert f"http://testserver/en/my-events/{registration.pk}/ticket/" in email.body_text or (
        f"/en/my-events/{registration.pk}/ticket/" in email.body_text
    )
    assert "\n\n\n" not in email.body_text


def test_promoted_email_carries_the_ticket_and_the_waitlisted_one_does_not(event, mails):
    register(event), register(event)
    waiting = register(event)
    [waitlisted] = mails(reason="events.waitlisted")
    assert "Ticket code" not in waitlisted.body_text
    first = Registration.objects.filter(event=event, status="confirmed").first()
    services.registration_cancel(registration=first, by=first.user)
    [promoted] = mails(reason="events.promoted")
    assert Ticket.objects.get(registration=waiting).display_code in promoted.body_text


def test_french_email_links_the_french_ticket_page(event, mails):
    user = UserFactory(preferred_language="fr")
    services.registration_create(event=event, user=user)
    [email] = mails(reason="events.confirmation")
    assert "/fr/my-events/" in email.body_text


# ---------------------------------------------------------------------------
# The door: scan, code, name
# ---------------------------------------------------------------------------


def test_scan_checks_in_once_and_a_second_scan_says_when_and_by_whom(
    door_client, in_person, door_staff
):
    registration = register(in_person, name="Lucía Pérez")
    ticket = tickets.ticket_for(registration)
    response = door_client.post(door(in_person), {"ticket": ticket.qr_payload, "device": "Door A"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Welcome" in html and "Lucía Pérez" in html
    assert "1 of 1 checked in" in html
    check_in = CheckIn.objects.get(registration=registration)
    assert (check_in.by, check_in.method, check_in.device) == (door_staff, "scan", "Door A")
    assert Registration.objects.get(pk=registration.pk).attended
    at = timezone.localtime(check_in.at, timezone.get_fixed_timezone(0)).strftime("%H:%M")

    again = door_client.post(door(in_person), {"ticket": ticket.display_code.lower()})
    html = again.content.decode()
    assert again.status_code == 409
    assert "Do not let in on this ticket" in html and "Lucía Pérez" in html
    assert f"Already checked in at {at} by Ana García." in html
    assert CheckIn.objects.filter(registration=registration).count() == 1


def test_typed_code_with_spaces_and_dashes_checks_in(door_client, event):
    registration = register(event)
    code = tickets.ticket_for(registration).code
    typed = f" {code[:4].lower()} - {code[4:]} "
    response = door_client.post(door(event), {"ticket": typed})
    assert response.status_code == 200
    assert CheckIn.objects.get(registration=registration).method == "code"


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        ("", 400, "Scan a ticket, or type its code."),
        ("hello", 400, "“hello” is not a ticket code."),
        ("<script>alert(1)</script>", 400, "is not a ticket code"),
        ("ABCD-0000", 400, "is not a ticket code"),  # 0 is not in the alphabet
        ("ABCD-2345", 400, "No ticket has the code “ABCD-2345”."),
        (QR_PREFIX + "forged-secret", 400, "No ticket has the code"),
        ("x" * 5000, 400, "is not a ticket code"),
    ],
)
def test_nonsense_at_the_door_gets_a_clear_message(door_client, event, text, status, message):
    register(event)
    response = door_client.post(door(event), {"ticket": text})
    html = response.content.decode()
    assert response.status_code == status
    assert message in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "<script>alert" not in html
    assert not CheckIn.objects.exists()


def test_a_ticket_for_another_event_is_refused(door_client, event, make_event):
    other = make_event(title="Another forum")
    ticket = tickets.ticket_for(register(other))
    html = door_client.post(door(event), {"ticket": ticket.qr_payload}).content.decode()
    assert "This ticket is for another event: Another forum." in html
    # Its typed code means nothing at this event's door.
    response = door_client.post(door(event), {"ticket": ticket.code})
    assert response.status_code == 400 and "No ticket has the code" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_cancelled_and_waitlisted_tickets_are_refused(door_client, event):
    cancelled = register(event, name="Bo Chen")
    ticket = tickets.ticket_for(cancelled)
    services.registration_cancel(registration=cancelled, by=cancelled.user)
    html = door_client.post(door(event), {"ticket": ticket.qr_payload}).content.decode()
    assert "Not valid: Bo Chen cancelled this registration." in html
    register(event), register(event)
    waiting = register(event, name="Dee Okafor")
    assert waiting.status == RegistrationStatus.WAITLISTED
    code = tickets.ticket_for(waiting).code
    html = door_client.post(door(event), {"ticket": code}).content.decode()
    assert "Not valid: Dee Okafor is on the waiting list, without a place." in html
    assert not CheckIn.objects.exists()
    with pytest.raises(CheckInError) as refused:
        tickets.check_in(registration=waiting, by=None)
    assert refused.value.code == "waitlisted"


def test_find_by_name_and_check_in_from_the_list(door_client, event):
    ana = register(event, name="Ana Lima")
    register(event, name="Bo Chen")
    html = door_client.get(door(event) + "?q=lima").content.decode()
    assert "Ana Lima" in html and "Bo Chen" not in html
    response = door_client.post(door(event) + "?q=lima", {"registration": ana.pk})
    assert "Welcome" in response.content.decode()
    assert CheckIn.objects.get(registration=ana).method == "name"
    html = door_client.get(door(event) + "?q=lima").content.decode()
    assert "Checked in at" in html and "Undo check-in" in html
    assert "1 of 2 checked in" in html
    # Nonsense registration ids are a message, not a 500.
    for bad in ("abc", "999999"):
        response = door_client.post(door(event), {"registration": bad})
        html = response.content.decode()
        assert response.status_code == 400 and "not registered for this event" in html


def test_name_search_finds_only_this_events_registrants(door_client, event, make_event):
    register(make_event(title="Other"), name="Zed Other")
    register(event, name="Ana Lima")
    html = door_client.get(door(event) + "?q=zed").content.decode()
    assert "Zed Other" not in html and "Nobody matches" in html


def test_undo_keeps_a_trace_and_the_ticket_can_be_used_again(door_client, event, door_staff):
    from wagtail.models import ModelLogEntry

    registration = register(event)
    ticket = tickets.ticket_for(registration)
    door_client.post(door(event), {"ticket": ticket.code})
    response = door_client.post(door(event), {"registration": registration.pk, "action": "undo"})
    assert "Check-in undone." in response.content.decode()
    undone = CheckIn.objects.get(registration=registration)
    assert undone.undone_at is not None and undone.undone_by == door_staff
    assert not Registration.objects.get(pk=registration.pk).attended
    entry = ModelLogEntry.objects.filter(action="events.undo_check_in").get()
    assert entry.user == door_staff and entry.data["method"] == "code"
    assert door_client.post(door(event), {"ticket": ticket.code}).status_code == 200
    assert CheckIn.objects.filter(registration=registration).count() == 2
    assert CheckIn.objects.filter(registration=registration, undone_at__isnull=True).count() == 1
    assert ModelLogEntry.objects.filter(action="events.check_in").count() == 2
    # Undoing someone not checked in says so.
    other = register(event)
    response = door_client.post(door(event), {"registration": other.pk, "action": "undo"})
    assert response.status_code == 409 and "is not checked in" in response.content.decode()


def test_the_database_allows_one_current_check_in(event):
    registration = register(event)
    now = timezone.now()
    CheckIn.objects.create(registration=registration, event=event, at=now, method="scan")
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(registration=registration, event=event, at=now, method="code")


def test_door_screen_costs_the_same_at_two_sizes(
    door_client, make_event, django_assert_num_queries, django_assert_max_num_queries
):
    event = make_event(capacity=None)

    def grow(n):
        for _ in range(n):
            registration = register(event)
            if registration.pk % 2:
                tickets.check_in(registration=registration, by=StaffFactory())

    grow(3)
    door_client.get(door(event))
    reset_queries()
    with django_assert_max_num_queries(100) as small:
        door_client.get(door(event))
    expected = len(small.captured_queries)
    grow(15)
    door_client.get(door(event))
    reset_queries()
    with django_assert_num_queries(expected):
        html = door_client.get(door(event)).content.decode()
    assert html.count("door__item") == 18


def test_live_counts(door_client, event):
    a = register(event)
    register(event)
    tickets.check_in(registration=a, by=None)
    data = door_client.get(door(event) + "counts/").json()
    assert data == {"present": 1, "expected": 2, "label": "1 of 2 checked in"}


# ---------------------------------------------------------------------------
# Offline: the list, and batches sent later
# ---------------------------------------------------------------------------


def sync(client, event, items, device="Door B"):
    return client.post(
        door(event) + "sync/",
        data=json.dumps({"device": device, "items": items}),
        content_type="application/json",
    )


def test_offline_list_has_codes_and_digests_never_secrets(door_client, in_person):
    a = register(in_person, name="Ana Lima")
    register(in_person, name="Bo Chen")
    tickets.check_in(registration=a, by=None)
    data = door_client.get(door(in_person) + "offline/").json()
    assert [r["name"] for r in data["registrants"]] == ["Ana Lima", "Bo Chen"]
    secrets_ = set(Ticket.objects.values_list("secret", flat=True))
    body = json.dumps(data)
    assert not any(secret in body for secret in secrets_)
    import hashlib

    digests = {hashlib.sha256(s.encode()).hexdigest() for s in secrets_}
    assert {r["digest"] for r in data["registrants"]} == digests
    assert data["registrants"][0]["checked_in_at"] and not data["registrants"][1]["checked_in_at"]
    csv = b"".join(door_client.get(door(in_person) + "list.csv").streaming_content).decode()
    assert "Ana Lima" in csv and Ticket.objects.get(registration=a).display_code in csv
    html = door_client.get(door(in_person) + "print/").content.decode()
    assert "Door list: Open budgets forum" in html and "Bo Chen" in html


def test_offline_batch_merges_once_even_sent_twice_and_after_an_online_check_in(
    door_client, make_event, door_staff
):
    event = make_event(capacity=None)
    a, b, c, d = (register(event, name=n) for n in ("Ana", "Bo", "Cy", "Dee"))
    ta, tb, tc, td = (tickets.ticket_for(r) for r in (a, b, c, d))
    at = timezone.now() - timedelta(minutes=20)
    # Meanwhile, online: another staff member let Bo in; Dee cancelled.
    colleague = UserFactory(name="Luis Ortega")
    tickets.check_in(registration=b, by=colleague, method="scan")
    services.registration_cancel(registration=d, by=d.user)
    items = [
        {"id": "1", "ticket": ta.qr_payload, "at": at.isoformat()},
        {"id": "2", "ticket": tb.code, "at": at.isoformat()},
        {"id": "3", "registration": c.pk, "at": at.isoformat()},
        {"id": "4", "ticket": td.qr_payload, "at": at.isoformat()},
        {"id": "5", "ticket": "nonsense", "at": "yesterday-ish"},
        {"id": "7", "registration": 999999},
        {"id": "6", "ticket": ta.code, "at": at.isoformat()},  # Ana scanned twice offline
    ]
    first = sync(door_client, event, items).json()
    assert [m["id"] for m in first["merged"]] == ["1", "3"]
    assert [x["id"] for x in first["duplicate"]] == ["2", "6"]
    assert "by Luis Ortega" in first["duplicate"][0]["message"]
    assert {r["id"]: r["code"] for r in first["refused"]} == {
        "4": "cancelled",
        "5": "garbage",
        "7": "not_registrant",
    }
    assert (first["present"], first["expected"]) == (3, 3)
    # The offline check-in keeps the time it happened at the door, and who and how.
    made = CheckIn.objects.get(registration=a)
    assert abs((made.at - at).total_seconds()) < 1
    assert (made.method, made.by, made.device) == ("offline", door_staff, "Door B")
    # Bo keeps his first (online) check-in.
    assert CheckIn.objects.get(registration=b).by == colleague

    again = sync(door_client, event, items).json()
    assert again["merged"] == []
    assert [x["id"] for x in again["duplicate"]] == ["1", "2", "3", "6"]
    assert CheckIn.objects.count() == 3
    assert (
        CheckIn.objects.filter(undone_at__isnull=True).values("registration").distinct().count()
        == 3
    )


def test_offline_times_from_the_future_or_long_ago_become_the_arrival_time(door_client, event):
    a, b = register(event), register(event)
    future = (timezone.now() + timedelta(days=2)).isoformat()
    ancient = datetime(2001, 1, 1, tzinfo=UTC).isoformat()
    sync(
        door_client,
        event,
        [
            {"id": "f", "registration": a.pk, "at": future},
            {"id": "o", "registration": b.pk, "at": ancient},
        ],
    )
    for check_in in CheckIn.objects.all():
        assert abs((check_in.at - timezone.now()).total_seconds()) < 60


@pytest.mark.parametrize(
    "body",
    ["not json", "[]", '{"items": "x"}', '{"items": [1, 2]}', '{"items": [{"registration": "x"}]}'],
)
def test_garbage_batches_get_a_clear_answer(door_client, event, body):
    register(event)
    response = door_client.post(door(event) + "sync/", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"error": "The list of check-ins sent could not be read."}
    assert not CheckIn.objects.exists()


def test_sync_answers_only_post(door_client, event):
    assert door_client.get(door(event) + "sync/").status_code == 405


# ---------------------------------------------------------------------------
# Who may use the door
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("member", False),
        ("is_staff only", False),
        ("Editors", False),
        ("Event staff", True),
        ("superuser", True),
    ],
)
def test_door_permission_table(client, event, role, allowed):
    registration = register(event)
    ticket = tickets.ticket_for(registration)
    if role == "member":
        client.force_login(UserFactory())
    elif role == "is_staff only":
        client.force_login(UserFactory(is_staff=True))
    elif role == "superuser":
        client.force_login(StaffFactory())
    elif role != "anonymous":
        user = UserFactory()
        user.groups.add(ensure_groups()[role])
        client.force_login(user)
    answers = {
        "screen": client.get(door(event)).status_code,
        "scan": client.post(door(event), {"ticket": ticket.code}).status_code,
        "offline": client.get(door(event) + "offline/").status_code,
        "counts": client.get(door(event) + "counts/").status_code,
        "csv": client.get(door(event) + "list.csv").status_code,
        "print": client.get(door(event) + "print/").status_code,
        "sync": sync(client, event, [{"id": "1", "ticket": ticket.code}]).status_code,
    }
    if allowed:
        assert answers == dict.fromkeys(answers, 200)
        assert CheckIn.objects.filter(registration=registration).count() == 1
    else:
        assert all(code in {302, 403} for code in answers.values()), answers
        assert not CheckIn.objects.exists()
