"""Staff see who has been reminded (Settings → Reminders sent) and set when reminders go
(Settings → Reminder times): each staff role sees only the reminders of its own
programmes' sources; members and other staff see nothing."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from community.factories import StaffFactory, UserFactory
from home.models import ReminderSchedule, SentReminder
from home.permissions import ensure_groups

DEADLINE = datetime(2027, 3, 15, 17, 0, tzinfo=UTC)
LIST = "home_sent_reminders:index"
TIMES = "home_reminder_times"


def in_group(name):
    user = UserFactory()
    user.groups.add(ensure_groups()[name])
    return user


def sent(source, kind, member, target, *, offset=timedelta(days=1), sent_at=None):
    return SentReminder.objects.create(
        source=source,
        kind=kind,
        recipient_key=f"user:{member.pk}",
        recipient=member,
        email=member.email,
        target=target,
        offset=offset,
        deadline=DEADLINE,
        sent_at=sent_at or DEADLINE - offset,
    )


@pytest.fixture
def rows(db):
    cohort_member = UserFactory(email="drafter@example.org")
    award_member = UserFactory(email="nominator@example.org")
    sent(
        "cohorts.draft_application",
        "cohorts.deadline_draft",
        cohort_member,
        "cohorts.application:1",
    )
    sent("awards.draft_nomination", "awards.deadline_draft", award_member, "awards.nomination:9")
    return cohort_member, award_member


ROLES = {
    # role: (list status, sees cohort rows, sees award rows)
    "anonymous": (302, False, False),
    "member": (302, False, False),
    "Editors": (302, False, False),
    "Event staff": (302, False, False),
    "Programme staff": (200, True, False),
    "Award managers": (200, False, True),
    "superuser": (200, True, True),
}


def actor(role):
    if role == "anonymous":
        return None
    if role == "member":
        return UserFactory()
    if role == "superuser":
        return StaffFactory()
    return in_group(role)


@pytest.mark.parametrize("role", list(ROLES))
def test_who_sees_which_reminders(client, rows, role):
    status, sees_cohorts, sees_awards = ROLES[role]
    user = actor(role)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse(LIST))
    assert response.status_code == status
    body = response.content.decode() if status == 200 else ""
    assert ("drafter@example.org" in body) is sees_cohorts
    assert ("nominator@example.org" in body) is sees_awards
    times = client.get(reverse(TIMES))
    assert times.status_code in ((200,) if status == 200 else (302, 403))
    if status == 200:
        page = times.content.decode()
        assert ("Draft cohort applications" in page) is sees_cohorts
        assert ("Draft nominations" in page) is sees_awards


def test_the_list_filters_by_source_kind_and_date_and_exports(client, db):
    member = UserFactory(email="filtered@example.org")
    other = UserFactory(email="other@example.org")
    sent("cohorts.draft_application", "cohorts.deadline_draft", member, "cohorts.application:1")
    sent(
        "awards.unscored_nominations",
        "awards.deadline_scoring",
        other,
        "awards.jury:3",
        offset=timedelta(days=7),
    )
    client.force_login(StaffFactory())
    url = reverse(LIST)
    body = client.get(url, {"source": "awards.unscored_nominations"}).content.decode()
    assert "other@example.org" in body and "filtered@example.org" not in body
    body = client.get(url, {"kind": "cohorts.deadline_draft"}).content.decode()
    assert "filtered@example.org" in body and "other@example.org" not in body
    body = client.get(url, {"sent_at_from": "2027-03-14", "sent_at_to": "2027-03-15"})
    body = body.content.decode()
    assert "filtered@example.org" in body and "other@example.org" not in body

    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "filtered@example.org" in text and "awards.jury:3" in text
    assert "7 days" in text and "1 day" in text


@pytest.mark.parametrize(
    "params",
    [
        {"source": "nonsense"},
        {"kind": "<script>"},
        {"sent_at_from": "yesterday", "sent_at_to": "32/13/2027"},
        {"p": "999"},
        {"ordering": "nonsense"},
    ],
)
def test_nonsense_filters_answer_without_a_500(client, rows, params):
    client.force_login(StaffFactory())
    response = client.get(reverse(LIST), params)
    assert response.status_code in (200, 404)


def test_nobody_adds_edits_or_deletes_a_sent_reminder(client, rows):
    client.force_login(StaffFactory())
    row = SentReminder.objects.first()
    assert client.get(f"/admin/reminders-sent/edit/{row.pk}/").status_code in (302, 403, 404)
    assert client.get("/admin/reminders-sent/add/").status_code in (302, 403, 404)
    assert client.post(f"/admin/reminders-sent/delete/{row.pk}/").status_code in (302, 403, 404)
    assert SentReminder.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_reads_a_bounded_number_of_queries(
    client, db, count, django_assert_max_num_queries
):
    for n in range(count):
        member = UserFactory()
        sent(
            "cohorts.draft_application",
            "cohorts.deadline_draft",
            member,
            f"cohorts.application:{n}",
        )
    client.force_login(StaffFactory())
    client.get(reverse(LIST))  # warm the admin's per-process caches
    with django_assert_max_num_queries(25):
        response = client.get(reverse(LIST))
    assert response.status_code == 200


def test_programme_staff_set_reminder_times_with_an_audit_entry(client, db):
    manager = in_group("Programme staff")
    client.force_login(manager)
    response = client.post(reverse(TIMES), {"cohorts.draft_application": "14d, 3 days, 12h"})
    assert response.status_code == 302
    assert (
        ReminderSchedule.objects.get(source="cohorts.draft_application").offsets == "14d, 3d, 12h"
    )
    schedule = ReminderSchedule.objects.get(source="cohorts.draft_application")
    entry = ModelLogEntry.objects.get(action="home.reminder_times", object_id=str(schedule.pk))
    assert entry.user_id == manager.pk
    assert entry.data["after"] == "14d, 3d, 12h"
    page = client.get(reverse(TIMES)).content.decode()
    assert "14 days, 3 days, 12 hours" in page
    # Only its own sources: an award source in the same form is ignored.
    client.post(
        reverse(TIMES), {"cohorts.draft_application": "1d", "awards.draft_nomination": "2d"}
    )
    assert not ReminderSchedule.objects.filter(source="awards.draft_nomination").exists()


@pytest.mark.parametrize("text", ["soon", "7 weeks", "0h", "9999d", "x" * 300])
def test_nonsense_reminder_times_are_refused_with_a_message(client, db, text):
    client.force_login(in_group("Programme staff"))
    response = client.post(reverse(TIMES), {"cohorts.draft_application": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "reminder time" in page or "Ensure this value" in page or "between 1 hour" in page
    assert not ReminderSchedule.objects.exists()


def test_an_empty_time_list_stops_a_sources_reminders(client, db):
    client.force_login(in_group("Award managers"))
    client.post(
        reverse(TIMES), {"awards.draft_nomination": "", "awards.unscored_nominations": "1d"}
    )
    assert ReminderSchedule.objects.get(source="awards.draft_nomination").offsets == ""
    page = client.get(reverse(TIMES)).content.decode()
    assert "No reminder" in page


def test_members_cannot_post_reminder_times(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse(TIMES), {"cohorts.draft_application": "1d"})
    assert response.status_code in (302, 403)
    assert not ReminderSchedule.objects.exists()
