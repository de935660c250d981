"""home.reminders: reminder times as staff write them, and which one is due when."""

from datetime import UTC, datetime, timedelta

import pytest

from home import reminders

D = timedelta(days=1)
H = timedelta(hours=1)
DEADLINE = datetime(2027, 3, 15, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("7d, 1d", [7 * D, D]),
        ("1 day; 7 days", [7 * D, D]),
        ("12h, 2 jours, 3 días, 1 hora", [3 * D, 2 * D, 12 * H, H]),
        ("7", [7 * D]),
        ("7d, 7d, 168h", [7 * D]),
        ("", []),
        (" , ", []),
    ],
)
def test_reminder_times_read_as_staff_write_them(text, offsets):
    assert reminders.parse_offsets(text) == offsets


@pytest.mark.parametrize("text", ["soon", "7 weeks", "-1d", "0h", "400d", "1.5d", "7d 1d"])
def test_nonsense_reminder_times_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match=r"reminder time|between 1 hour"):
        reminders.parse_offsets(text)


def test_stored_form_round_trips():
    offsets = [7 * D, D, 12 * H]
    assert reminders.format_offsets(offsets) == "7d, 1d, 12h"
    assert reminders.parse_offsets(reminders.format_offsets(offsets)) == offsets


@pytest.mark.parametrize(
    ("before", "due"),
    [
        (8 * D, None),  # too early for any
        (7 * D, 7 * D),  # exactly at deadline - 7d
        (3 * D, 7 * D),
        (D, D),
        (12 * H, D),  # a late first run: only the closest, not both
        (timedelta(0), None),  # the deadline itself: too late
        (-H, None),  # passed
    ],
)
def test_the_one_offset_due(before, due):
    assert reminders.offset_due([7 * D, D], DEADLINE, DEADLINE - before) == due


# ---------------------------------------------------------------------------
# send_due with a source of the test's own
# ---------------------------------------------------------------------------

from django.core import mail  # noqa: E402

from community.factories import UserFactory  # noqa: E402
from home import notify  # noqa: E402
from home.models import Notification, OutboxEmail, ReminderSchedule, SentReminder  # noqa: E402


class Board:
    """Things people must finish: ``{target: (user, deadline)}``; finished ones removed."""

    def __init__(self):
        self.open = {}

    def due(self, now, until):
        for target, (user, deadline) in list(self.open.items()):
            if now < deadline <= until:
                yield reminders.Due(
                    recipient=user,
                    target=target,
                    deadline=deadline,
                    context={"thing": target},
                    link=lambda language: f"/{language}/somewhere/",
                    time_zone="Africa/Nairobi",
                )


@pytest.fixture
def board(monkeypatch):
    monkeypatch.setattr(reminders, "_SOURCES", {})
    monkeypatch.setitem(
        notify._KINDS,
        "home.test_deadline",
        notify.Kind("home.test_deadline", "Test deadlines", template="emails/home/reminder_test"),
    )
    found = Board()
    reminders.register(
        reminders.Source(
            key="home.test",
            kind="home.test_deadline",
            label="Test things",
            due=found.due,
        )
    )
    return found


def sent_to(user):
    return SentReminder.objects.filter(recipient=user)


@pytest.mark.django_db
def test_each_reminder_goes_once_per_person_per_time(board):
    alice, bob = UserFactory(), UserFactory()
    board.open = {"t:1": (alice, DEADLINE), "t:2": (bob, DEADLINE + 2 * D)}

    assert reminders.send_due(now=DEADLINE - 8 * D) == 0
    assert reminders.send_due(now=DEADLINE - 7 * D) == 1  # alice's 7 days
    assert reminders.send_due(now=DEADLINE - 7 * D + H) == 0  # twice: nothing new
    assert reminders.send_due(now=DEADLINE - 5 * D) == 1  # bob's 7 days
    assert reminders.send_due(now=DEADLINE - 12 * H) == 1  # alice's 1 day
    assert reminders.send_due(now=DEADLINE - H) == 0
    assert reminders.send_due(now=DEADLINE + 2 * D - H) == 1  # bob's 1 day
    assert reminders.send_due(now=DEADLINE + 3 * D) == 0

    assert sorted(sent_to(alice).values_list("offset", flat=True)) == [D, 7 * D]
    assert sorted(sent_to(bob).values_list("offset", flat=True)) == [D, 7 * D]
    assert OutboxEmail.objects.filter(to=alice.email, reason="home.test_deadline").count() == 2
    assert Notification.objects.filter(recipient=alice, kind="home.test_deadline").count() == 2


@pytest.mark.django_db
def test_a_late_first_run_sends_only_the_closest_time(board):
    alice = UserFactory()
    board.open = {"t:1": (alice, DEADLINE)}
    assert reminders.send_due(now=DEADLINE - 6 * H) == 1
    assert reminders.send_due(now=DEADLINE - 5 * H) == 0
    assert list(sent_to(alice).values_list("offset", flat=True)) == [D]


@pytest.mark.django_db
def test_finished_or_passed_means_no_reminder(board):
    alice, bob = UserFactory(), UserFactory()
    board.open = {"t:1": (alice, DEADLINE), "t:2": (bob, DEADLINE - H)}
    del board.open["t:1"]  # alice finished
    assert reminders.send_due(now=DEADLINE - 30 * H) == 1  # bob only (his 7 days... or 1)
    assert reminders.send_due(now=DEADLINE) == 0  # bob's deadline passed
    assert not sent_to(alice).exists()


@pytest.mark.django_db
def test_a_moved_deadline_is_reminded_again(board):
    alice = UserFactory()
    board.open = {"t:1": (alice, DEADLINE)}
    assert reminders.send_due(now=DEADLINE - 12 * H) == 1
    board.open = {"t:1": (alice, DEADLINE + 3 * D)}  # staff extended it
    assert reminders.send_due(now=DEADLINE + 3 * D - 12 * H) == 1
    assert sent_to(alice).count() == 2


@pytest.mark.django_db
def test_inactive_people_are_not_reminded(board):
    alice = UserFactory(is_active=False)
    board.open = {"t:1": (alice, DEADLINE)}
    assert reminders.send_due(now=DEADLINE - 12 * H) == 0
    assert not sent_to(alice).exists()


@pytest.mark.django_db
def test_staff_reminder_times_replace_the_defaults(board, staff):
    alice = UserFactory()
    board.open = {"t:1": (alice, DEADLINE)}
    ReminderSchedule.objects.create(source="home.test", offsets="3d, 6h")
    assert reminders.send_due(now=DEADLINE - 7 * D) == 0
    assert reminders.send_due(now=DEADLINE - 3 * D) == 1
    assert reminders.send_due(now=DEADLINE - 12 * H) == 0  # no 1-day reminder any more
    assert reminders.send_due(now=DEADLINE - 6 * H) == 1
    ReminderSchedule.objects.filter(source="home.test").update(offsets="")
    board.open = {"t:2": (alice, DEADLINE + D)}
    assert reminders.send_due(now=DEADLINE) == 0  # empty: no reminders


@pytest.mark.django_db
def test_the_reminder_is_in_the_recipients_language_and_the_due_time_zone(board):
    amelie = UserFactory(preferred_language="fr")
    board.open = {"t:1": (amelie, DEADLINE)}
    reminders.send_due(now=DEADLINE - 12 * H)
    email = OutboxEmail.objects.get(to=amelie.email)
    assert email.language == "fr"
    assert "15 mars 2027" in email.body_text
    assert "1 jour" in email.body_text
    # 17:00 UTC is 20:00 in Nairobi.
    assert "20:00" in email.body_text
    assert "heure de Nairobi (UTC+3)" in email.body_text
    assert "/fr/somewhere/" in email.body_text
    assert len(mail.outbox) <= 1
