"""PostgreSQL: two (or five) workers running the reminder job at once send each reminder
once: the SentReminder insert is the claim, and the loser's insert waits for the winner's
commit, then fails and sends nothing.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_reminders.
"""

import pytest

from community.factories import UserFactory
from home import reminders
from home.models import Notification, OutboxEmail, SentReminder
from tests.home.test_reminders import DEADLINE, H, board  # noqa: F401 (fixture)
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.mark.parametrize("workers", [2, 5])
def test_workers_at_once_send_each_reminder_once(board, workers):  # noqa: F811
    people = [UserFactory() for _ in range(4)]
    board.open = {f"t:{n}": (user, DEADLINE) for n, user in enumerate(people)}
    now = DEADLINE - 12 * H
    results = in_parallel([lambda: reminders.send_due(now=now) for _ in range(workers)])
    assert sum(results) == 4
    assert SentReminder.objects.count() == 4
    for user in people:
        assert OutboxEmail.objects.filter(to=user.email, reason="home.test_deadline").count() == 1
        assert Notification.objects.filter(recipient=user, kind="home.test_deadline").count() == 1
    # And once more, in parallel: nothing new.
    assert sum(in_parallel([lambda: reminders.send_due(now=now + H) for _ in range(workers)])) == 0
