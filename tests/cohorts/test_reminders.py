"""Issue 17: members with a draft application are reminded before applications close,
7 days and 1 day before by default, once each, in their language and the programme's
time zone; those who submitted are not."""

from datetime import timedelta

from django.utils import timezone

import pytest

from cohorts import services
from cohorts.models import CohortPage
from community.factories import UserFactory
from home import reminders
from home.models import OutboxEmail, SentReminder

D = timedelta(days=1)
H = timedelta(hours=1)
KIND = "cohorts.deadline_draft"


@pytest.fixture
def deadline():
    return (timezone.now() + 30 * D).replace(microsecond=0)


@pytest.fixture
def closing(cohort, programme, deadline):
    programme.timezone = "America/Bogota"
    programme.save()
    CohortPage.objects.filter(pk=cohort.pk).update(
        applications_open=deadline - 60 * D, applications_close=deadline
    )
    return CohortPage.objects.get(pk=cohort.pk)


def draft(cohort, member, deadline):
    return services.application_start(cohort=cohort, member=member, now=deadline - 40 * D)


def emails_to(user):
    return OutboxEmail.objects.filter(to=user.email, reason=KIND)


def test_a_draft_is_reminded_7_days_and_1_day_before_once_each(closing, deadline, submit):
    drafter, submitter = UserFactory(name="Ana Drafter"), UserFactory()
    draft(closing, drafter, deadline)
    submit(closing, submitter, now=deadline - 40 * D)

    assert reminders.send_due(now=deadline - 8 * D) == 0
    assert reminders.send_due(now=deadline - 7 * D + H) == 1
    assert reminders.send_due(now=deadline - 7 * D + 2 * H) == 0  # the job again
    assert reminders.send_due(now=deadline - 20 * H) == 1
    assert reminders.send_due(now=deadline - H) == 0
    assert reminders.send_due(now=deadline + H) == 0  # closed

    assert emails_to(drafter).count() == 2
    assert not emails_to(submitter).exists()  # finished: never reminded
    email = emails_to(drafter).first()
    assert "is not submitted yet" in email.subject
    assert closing.title in email.subject
    assert "Hello Ana Drafter," in email.body_text
    assert f"/en/cohorts/{closing.pk}/apply/" in email.body_text
    # The programme's time zone: Bogotá is UTC−5.
    local = timezone.localtime(deadline, closing.tz)
    assert f"{local:%H:%M}" in email.body_text
    assert "Bogota time (UTC−5)" in email.body_text


def test_submitting_after_the_first_reminder_stops_the_second(closing, deadline, submit):
    member = UserFactory()
    application = draft(closing, member, deadline)
    assert reminders.send_due(now=deadline - 6 * D) == 1
    answers = {q["id"]: "Because." for q in closing.question_list() if q["kind"] != "file"}
    services.application_save(
        application=application,
        member=member,
        data={"country": "KE", "sector": "national_government", "scope": "national"},
        answers=answers,
        now=deadline - 5 * D,
    )
    services.application_submit(application=application, member=member, now=deadline - 5 * D)
    assert reminders.send_due(now=deadline - 12 * H) == 0
    assert emails_to(member).count() == 1


def test_a_late_first_run_sends_only_the_1_day_reminder(closing, deadline):
    member = UserFactory()
    draft(closing, member, deadline)
    assert reminders.send_due(now=deadline - 3 * H) == 1
    assert reminders.send_due(now=deadline - 2 * H) == 0
    assert list(SentReminder.objects.filter(recipient=member).values_list("offset", flat=True)) == [
        D
    ]


def test_a_withdrawn_application_or_inactive_member_is_not_reminded(closing, deadline, submit):
    withdrawn, gone = UserFactory(), UserFactory()
    application = submit(closing, withdrawn, now=deadline - 40 * D)
    services.application_withdraw(application=application, member=withdrawn, now=deadline - 39 * D)
    draft(closing, gone, deadline)
    gone.is_active = False
    gone.save()
    assert reminders.send_due(now=deadline - 12 * H) == 0


def test_an_extended_deadline_is_reminded_again(closing, deadline):
    member = UserFactory()
    draft(closing, member, deadline)
    assert reminders.send_due(now=deadline - 12 * H) == 1
    CohortPage.objects.filter(pk=closing.pk).update(applications_close=deadline + 5 * D)
    # The new deadline is 5 days and 11 hours away: its 7-day reminder goes.
    assert reminders.send_due(now=deadline - 11 * H) == 1
    assert emails_to(member).count() == 2
    assert reminders.send_due(now=deadline + 5 * D - 12 * H) == 1
    assert emails_to(member).count() == 3


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("fr", "n’est pas encore envoyée", "heure de Bogota (UTC−5)"),
        ("es", "aún no está enviada", "hora de Bogotá (UTC−5)"),
    ],
)
def test_the_reminder_is_in_the_members_language(closing, deadline, language, subject, body):
    member = UserFactory(preferred_language=language)
    draft(closing, member, deadline)
    reminders.send_due(now=deadline - 12 * H)
    email = emails_to(member).get()
    assert email.language == language
    assert subject in email.subject
    assert body in email.body_text
    assert f"/{language}/cohorts/{closing.pk}/apply/" in email.body_text
