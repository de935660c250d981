"""Issue 17: before an edition's deadlines, members with a draft nomination and jurors
with nominations left to score are reminded, once per reminder time, in their language
and the edition's time zone; those who finished are not."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from awards import services
from awards.models import AwardProgrammePage, Nomination
from community.factories import UserFactory
from home import reminders
from home.models import OutboxEmail, SentReminder
from tests.awards.conftest import nominate

D = timedelta(days=1)
H = timedelta(hours=1)


def timeline(programme, *, nominations_close, judging_close):
    AwardProgrammePage.objects.filter(pk=programme.pk).update(
        nominations_open=nominations_close - 30 * D,
        nominations_close=nominations_close,
        judging_close=judging_close,
        announcement_at=judging_close + 5 * D,
    )
    return AwardProgrammePage.objects.get(pk=programme.pk)


def draft(programme, nominator, **data):
    """A nomination saved as a draft, not submitted."""
    payload = {
        "kind": "person",
        "nominee_name": "Grace Mwangi",
        "organisation": "Open Budget Kenya",
        "country": "KE",
        "sector": "civil_society",
        "contact_email": "grace@example.net",
        **data,
    }
    return services.nomination_save(
        programme=programme,
        nominator=nominator,
        category=programme.categories.first(),
        data=payload,
        submit=False,
    )


def emails(user, kind):
    return OutboxEmail.objects.filter(to=user.email, reason=kind)


# ---------------------------------------------------------------------------
# Draft nominations
# ---------------------------------------------------------------------------


@pytest.fixture
def closing(programme):
    close = (timezone.now() + 20 * D).replace(microsecond=0)
    return timeline(programme, nominations_close=close, judging_close=close + 20 * D)


def test_a_draft_nomination_is_reminded_before_nominations_close(closing):
    close = closing.nominations_close
    drafter = UserFactory(name="Kofi Drafter")
    submitter = UserFactory()
    draft(closing, drafter, nominee_name="Amina Open")
    nominate(closing, submitter)
    withdrawn = draft(closing, UserFactory())
    Nomination.objects.filter(pk=withdrawn.pk).update(status=Nomination.Status.WITHDRAWN)

    assert reminders.send_due(now=close - 8 * D) == 0
    assert reminders.send_due(now=close - 7 * D) == 1
    assert reminders.send_due(now=close - 7 * D + H) == 0  # the job again
    assert reminders.send_due(now=close - 12 * H) == 1
    assert reminders.send_due(now=close + H) == 0  # closed

    sent = emails(drafter, "awards.deadline_draft")
    assert sent.count() == 2
    assert not emails(submitter, "awards.deadline_draft").exists()
    email = sent.first()
    assert email.subject == "Your nomination of Amina Open is not submitted yet"
    assert "Hello Kofi Drafter," in email.body_text
    assert closing.title in email.body_text
    assert "/en/award/nominations/" in email.body_text and "/edit/" in email.body_text
    # The edition's time zone: Paris.
    assert "Paris time (UTC+1)" in email.body_text
    local = timezone.localtime(close, closing.tz)
    assert f"{local:%H:%M}" in email.body_text


def test_the_draft_reminder_is_in_the_nominators_language(closing):
    close = closing.nominations_close
    member = UserFactory(preferred_language="es")
    draft(closing, member, nominee_name="Amina Open")
    assert reminders.send_due(now=close - 12 * H) == 1
    email = emails(member, "awards.deadline_draft").get()
    assert email.subject == "Su nominación de Amina Open aún no está enviada"
    assert "hora de París (UTC+1)" in email.body_text or "hora de Paris (UTC+1)" in email.body_text
    assert "/es/award/nominations/" in email.body_text


# ---------------------------------------------------------------------------
# Jurors with nominations left to score
# ---------------------------------------------------------------------------


@pytest.fixture
def judging(programme):
    """Nominations are closed; judging closes in 10 days; two nominations to score."""
    first = nominate(programme, UserFactory())
    second = nominate(programme, UserFactory(), nominee_name="Second Nominee")
    judge_close = (timezone.now() + 10 * D).replace(microsecond=0)
    page = timeline(programme, nominations_close=timezone.now() - D, judging_close=judge_close)
    return page, first, second


def appoint(programme, user, category):
    role = services.juror_appoint(programme=programme, user=user)
    services.juror_assign(role=role, category=category)
    return role


def score_all(programme, juror, nomination, now):
    criteria = [c for c in programme.localized_criteria() if c.applies_to(nomination.category)]
    services.scores_submit(
        juror=juror, nomination=nomination, values={c.pk: (7, "") for c in criteria}, now=now
    )


def test_jurors_with_unscored_nominations_are_reminded_with_how_many(judging):
    programme, first, second = judging
    close = programme.judging_close
    busy, done, half = UserFactory(name="Busy Juror"), UserFactory(), UserFactory()
    for juror in (busy, done, half):
        appoint(programme, juror, first.category)
    second.category = first.category
    second.save()
    for nomination in (first, second):
        score_all(programme, done, nomination, now=close - 9 * D)
    score_all(programme, half, first, now=close - 9 * D)

    assert reminders.send_due(now=close - 7 * D) == 2  # busy and half, not done
    assert reminders.send_due(now=close - 7 * D + H) == 0
    kind = "awards.deadline_scoring"
    assert "2 nominations left to score" in emails(busy, kind).get().subject
    assert "1 nomination left to score" in emails(half, kind).get().subject
    assert "You have 1 nomination for" in emails(half, kind).get().body_text
    assert "/en/award/jury/" in emails(busy, kind).get().body_text
    assert not emails(done, kind).exists()

    # half finishes before the last day: only busy gets the 1-day reminder.
    score_all(programme, half, second, now=close - 2 * D)
    assert reminders.send_due(now=close - 12 * H) == 1
    assert emails(busy, kind).count() == 2
    assert emails(half, kind).count() == 1
    assert reminders.send_due(now=close + H) == 0


def test_conflicted_suspended_or_unassigned_jurors_are_not_reminded(judging):
    programme, first, _second = judging
    close = programme.judging_close
    conflicted, suspended, unassigned = UserFactory(), UserFactory(), UserFactory()
    appoint(programme, conflicted, first.category)
    appoint(programme, suspended, first.category)
    services.juror_appoint(programme=programme, user=unassigned)
    services.conflict_declare(juror=conflicted, nomination=first)
    services.conflict_declare(juror=conflicted, nomination=_second)
    suspended.groups.remove(Group.objects.get(name="Jurors"))
    assert reminders.send_due(now=close - 12 * H) == 0
    assert not SentReminder.objects.filter(source="awards.unscored_nominations").exists()


def test_no_juror_reminder_before_scoring_opens(programme):
    juror = UserFactory()
    nomination = nominate(programme, UserFactory())
    now = timezone.now()
    # Judging closes in 6 days, but nominations close in 3: scoring is not open yet.
    page = timeline(programme, nominations_close=now + 3 * D, judging_close=now + 6 * D)
    appoint(page, juror, nomination.category)
    assert reminders.send_due(now=now) == 0
    assert reminders.send_due(now=now + 3 * D + H) == 1
