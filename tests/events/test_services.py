"""Registration services: places, waiting list, promotion, emails, rules."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.factories import UserFactory
from events import services
from events.models import Audience, Registration, RegistrationStatus
from home.models import OutboxEmail

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)


def register(event, user=None, **kwargs):
    return services.registration_create(event=event, user=user or UserFactory(), **kwargs)


def test_places_then_waiting_list_in_order(event):
    results = [register(event) for _ in range(5)]
    assert [r.registration.status for r in results] == [
        CONFIRMED,
        CONFIRMED,
        WAITLISTED,
        WAITLISTED,
        WAITLISTED,
    ]
    assert [r.registration.waitlist_position() for r in results[2:]] == [1, 2, 3]


def test_confirmation_email_has_ics_and_joining_link(event, member, mails):
    from home.outbox import build_message

    register(event, member)
    (email,) = mails(to=member.email)
    assert email.reason == "events.confirmation"
    assert "Open contracting webinar" in email.subject
    assert event.online_url in email.body_text
    (attachment,) = email.attachments
    assert attachment["filename"] == "event.ics"
    assert attachment["mimetype"] == "text/calendar"
    message = build_message(email)
    ics = message.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "BEGIN:VEVENT" in ics and event.online_url in ics


def test_waiting_list_email_gives_position_and_no_link(event, mails):
    register(event), register(event)
    user = UserFactory()
    register(event, user)
    (email,) = mails(to=user.email)
    assert email.reason == "events.waitlisted"
    assert "number 1" in email.body_text
    assert event.online_url not in email.body_text
    assert email.attachments == []


def test_emails_go_out_in_the_recipients_language(event, mails):
    user = UserFactory(preferred_language="fr")
    register(event, user)
    (email,) = mails(to=user.email)
    assert email.language == "fr"
    assert "Votre place est confirmée" in email.subject


def test_replayed_registration_is_one_registration_one_email(event, member, mails):
    first = register(event, member)
    again = register(event, member)
    assert first.created and not again.created
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.filter(user=member).count() == 1
    assert len(mails(to=member.email)) == 1


def test_cancel_promotes_first_waiting_and_tells_them(event, mails):
    a, b = register(event).registration, register(event).registration
    c, d = register(event).registration, register(event).registration
    promoted = services.registration_cancel(registration=b, by=b.user)
    assert [p.pk for p in promoted] == [c.pk]
    c.refresh_from_db(), d.refresh_from_db()
    assert c.status == CONFIRMED and d.status == WAITLISTED
    assert d.waitlist_position() == 1
    assert [e.reason for e in mails(to=c.user.email)] == ["events.waitlisted", "events.promoted"]
    assert mails(to=b.user.email)[-1].reason == "events.cancelled"
    assert a.status == CONFIRMED


def test_cancelling_a_waiting_place_promotes_nobody(event):
    register(event), register(event)
    c = register(event).registration
    assert services.registration_cancel(registration=c, by=c.user) == []
    assert Registration.objects.confirmed().count() == 2


def test_cancel_twice_is_refused_clearly(event, member):
    registration = register(event, member).registration
    services.registration_cancel(registration=registration, by=member)
    with pytest.raises(services.RegistrationError) as error:
        services.registration_cancel(registration=registration, by=member)
    assert "already cancelled" in str(error.value)


def test_register_again_after_cancelling_goes_to_the_back(event, member, mails):
    mine = register(event, member).registration
    services.registration_cancel(registration=mine, by=member)
    register(event), register(event)
    again = register(event, member)
    assert again.created and again.registration.pk == mine.pk
    assert again.registration.status == WAITLISTED and again.registration.round == 2
    assert [e.reason for e in mails(to=member.email)] == [
        "events.confirmation",
        "events.cancelled",
        "events.waitlisted",
    ]


def test_raising_capacity_promotes_in_order_lowering_removes_nobody(
    event, django_capture_on_commit_callbacks
):
    regs = [register(event).registration for _ in range(6)]
    event.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()  # page_published → capacity_changed after commit
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == [CONFIRMED] * 4 + [WAITLISTED] * 2
    event.capacity = 1
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert Registration.objects.confirmed().count() == 4
    # Still full: a cancellation frees nothing until the count falls below the new capacity.
    services.registration_cancel(registration=regs[0], by=None)
    assert Registration.objects.confirmed().count() == 3
    assert Registration.objects.waitlisted().count() == 2


def test_unlimited_capacity_confirms_everyone(make_event):
    event = make_event(capacity=None)
    assert all(register(event).registration.status == CONFIRMED for _ in range(5))


def test_window_not_open_closed_and_started(make_event):
    now = timezone.now()
    event = make_event(registration_opens=now + timedelta(days=1))
    with pytest.raises(services.RegistrationError, match="not opened yet"):
        register(event)
    event = make_event(registration_closes=now - timedelta(minutes=1))
    with pytest.raises(services.RegistrationError, match="closed"):
        register(event)
    event = make_event()
    with pytest.raises(services.RegistrationError, match="already started"):
        register(event, now=event.start + timedelta(minutes=1))
    # Opens on time: a second after the opening it works.
    event = make_event(registration_opens=now + timedelta(hours=1))
    assert register(event, now=now + timedelta(hours=1, seconds=1)).created
    event = make_event(registration_enabled=False)
    with pytest.raises(services.RegistrationError, match="does not take registrations"):
        register(event)
    assert Registration.objects.count() == 1


def test_cohort_audience_needs_a_hook_to_say_yes(make_event, member, staff):
    from wagtail import hooks

    event = make_event(audience=Audience.COHORTS, audience_groups="leaders-2026")
    with pytest.raises(services.RegistrationError, match="participants it was organised for"):
        register(event, member)
    with hooks.register_temporarily(
        "events_audience_allows",
        lambda ev, user: "leaders-2026" in ev.audience_groups and user == member,
    ):
        assert register(event, member).created
    assert register(event, staff).created


def test_staff_manual_add_ignores_window_but_not_capacity(make_event, staff):
    event = make_event(capacity=1, registration_closes=timezone.now() - timedelta(hours=1))
    first = register(event, by=staff)
    second = register(event, by=staff)
    assert first.registration.status == CONFIRMED and first.registration.added_by_staff
    assert second.registration.status == WAITLISTED


def test_staff_promote_moves_to_front_and_takes_a_free_place(event, staff):
    regs = [register(event).registration for _ in range(4)]
    last = services.registration_promote(registration=regs[3], by=staff)
    assert last.status == WAITLISTED and last.waitlist_position() == 1
    services.registration_cancel(registration=regs[0], by=staff)
    assert Registration.objects.get(pk=regs[3].pk).status == CONFIRMED
    assert Registration.objects.get(pk=regs[2].pk).status == WAITLISTED
    with pytest.raises(services.RegistrationError):
        services.registration_promote(registration=regs[1], by=staff)


def test_check_in_and_undo_are_logged(event, staff):
    from wagtail.models import ModelLogEntry

    registration = register(event).registration
    services.registration_check_in(registration=registration, by=staff)
    assert Registration.objects.get(pk=registration.pk).attended
    services.registration_check_in(registration=registration, by=staff, attended=False)
    assert not Registration.objects.get(pk=registration.pk).attended
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"events.register", "events.check_in", "events.undo_check_in"} <= actions


def test_staff_message_reaches_the_chosen_group_once(event, staff, mails):
    a, b, c = (register(event).registration for _ in range(3))
    services.registration_check_in(registration=a, by=staff)
    message = services.message_send(
        event=event, audience="confirmed", subject="Room change", body="Room 4B.", by=staff
    )
    assert message.recipients == 2
    assert {e.to for e in mails(reason="events.message")} == {a.email, b.email}
    services.message_send(
        event=event, audience="waitlisted", subject="Hang on", body="...", by=staff
    )
    assert [e.to for e in mails(reason="events.message")][-1] == c.email
    services.message_send(event=event, audience="attended", subject="Thanks", body="...", by=staff)
    assert [e.to for e in mails(reason="events.message")][-1] == a.email


def test_reminders_sent_once_each_even_when_run_twice(event, mails):
    long_ago = event.start - timedelta(days=5)
    regs = [register(event, now=long_ago).registration for _ in range(3)]  # 2 confirmed, 1 waiting
    assert services.send_due_reminders(now=event.start - timedelta(hours=30)) == 0
    at_23h = event.start - timedelta(hours=23)
    assert services.send_due_reminders(now=at_23h) == 2
    assert services.send_due_reminders(now=at_23h) == 0
    at_50m = event.start - timedelta(minutes=50)
    assert services.send_due_reminders(now=at_50m) == 2
    assert services.send_due_reminders(now=at_50m + timedelta(minutes=5)) == 0
    reminders = mails(reason="events.reminder")
    assert len(reminders) == 4
    assert {e.to for e in reminders} == {regs[0].email, regs[1].email}
    assert services.send_due_reminders(now=event.start + timedelta(minutes=1)) == 0


def test_late_registration_gets_no_stale_24h_reminder(event, member, mails):
    register(event, member, now=event.start - timedelta(hours=3))
    assert services.send_due_reminders(now=event.start - timedelta(hours=2)) == 0
    assert services.send_due_reminders(now=event.start - timedelta(minutes=55)) == 1
    assert [e.reason for e in mails(to=member.email)] == ["events.confirmation", "events.reminder"]


def test_translations_share_one_capacity(event, mails):
    from wagtail.models import Locale

    french = event.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.save_revision().publish()
    french = type(event).objects.get(pk=french.pk)
    assert french.registration_event.pk == event.pk
    register(event), register(french)
    third = register(french)
    assert third.registration.status == WAITLISTED
    assert Registration.objects.filter(event=event).count() == 3


def test_deleting_a_member_keeps_the_record_and_frees_the_place(event, member):
    from community.signals import collect_member_data, member_deleting

    mine = register(event, member).registration
    register(event)
    waiting = register(event).registration
    responses = collect_member_data.send(sender=None, user=member)
    section, data = next(r for _fn, r in responses if r and r[0] == "event_registrations")
    assert data[0]["status"] == "confirmed"
    member_deleting.send(sender=None, user=member)
    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.status) == ("", "", CANCELLED)
    assert Registration.objects.get(pk=waiting.pk).status == CONFIRMED
    assert not OutboxEmail.objects.filter(to=member.email, reason="events.cancelled").exists()


def test_a_registration_costs_the_same_few_queries_however_full_the_event(
    make_event, django_assert_num_queries
):
    """The work done per registration does not grow with the list (counting is the
    database's job, inside the one placement statement)."""
    small, large = make_event(capacity=2, title="Small"), make_event(capacity=20, title="Large")
    for _ in range(3):
        register(small)
    for _ in range(30):
        register(large)
    from django.db import connection

    first, second = UserFactory(), UserFactory()
    # PostgreSQL sends the lock and the placement in one round trip; SQLite in three.
    with django_assert_num_queries(7 if connection.vendor == "postgresql" else 9) as a:
        register(small, first)
    with django_assert_num_queries(len(a.captured_queries)):
        register(large, second)


def test_registration_email_is_rendered_once_at_delivery_with_its_notification(
    event, member, django_capture_on_commit_callbacks
):
    from django.core import mail

    from home import outbox
    from home.models import Notification

    register(event, member)
    row = OutboxEmail.objects.get(to=member.email)
    # Written with the registration: the intent, not yet the text.
    assert row.reason == "events.confirmation" and row.intent and row.body_text == ""
    assert not Notification.objects.filter(recipient=member).exists()
    assert outbox.deliver(row.pk) is True
    assert outbox.deliver(row.pk) is False  # a second delivery finds it sent
    (sent,) = mail.outbox
    assert "Open contracting webinar" in sent.subject and sent.attachments[0][0] == "event.ics"
    row.refresh_from_db()
    assert row.intent == {} and row.status == "sent" and row.subject == sent.subject
    (notification,) = Notification.objects.filter(recipient=member)
    assert notification.kind == "events.confirmation" and notification.title == sent.subject


def test_an_email_about_a_registration_deleted_before_delivery_is_not_sent(event, member):
    from django.core import mail

    from home import outbox

    result = register(event, member)
    row = OutboxEmail.objects.get(to=member.email)
    Registration.objects.filter(pk=result.registration.pk).delete()
    assert outbox.deliver(row.pk) is False
    row.refresh_from_db()
    assert row.status == "failed" and mail.outbox == []


def test_renewed_registration_gets_a_new_email_for_its_new_round(event, member, mails):
    result = register(event, member)
    services.registration_cancel(registration=result.registration, by=member)
    again = register(event, member)
    assert again.created and again.registration.round == 2
    keys = [m.dedupe_key for m in mails(to=member.email)]
    assert keys == [
        f"event-confirmation:{again.registration.pk}:1",
        f"event-cancelled:{again.registration.pk}:1",
        f"event-confirmation:{again.registration.pk}:2",
    ]
