"""Reviewers with unscored assignments are reminded before the cohort's review deadline
(home.reminders): once per reviewer per reminder time, in their language, never once
they have finished."""

from datetime import timedelta

from django.utils import timezone

from cohorts import services
from cohorts.models import ReviewAssignment
from home import reminders
from home.models import Notification, OutboxEmail
from tests.cohorts.review_helpers import applications, reviewer, scores_for, with_rubric


def test_reviewers_with_unscored_work_are_reminded_once(cohort, manager):
    now = timezone.now().replace(microsecond=0)
    cohort = with_rubric(cohort, review_deadline=now + timedelta(hours=20))
    busy = reviewer(user={"preferred_language": "fr"})
    done = reviewer()
    apps = applications(cohort, 2)
    for app in apps:
        services.assignment_add(application=app, reviewer=busy, by=manager)
    finished = services.assignment_add(application=apps[0], reviewer=done, by=manager)
    services.review_submit(assignment=finished, by=done, scores=scores_for(cohort, 3, 3))

    assert reminders.send_due(now=now) == 1
    assert reminders.send_due(now=now + timedelta(hours=1)) == 0  # twice: nothing new
    assert Notification.objects.filter(recipient=busy, kind="cohorts.review_deadline").count() == 1
    assert not Notification.objects.filter(recipient=done).exists()
    email = OutboxEmail.objects.get(to=busy.email, reason="cohorts.review_deadline")
    assert f"/admin/cohort-review/{cohort.pk}/queue/" in email.body_text
    assert "2" in email.subject

    # Once she has scored everything, the next reminder time finds nobody.
    for assignment in ReviewAssignment.objects.filter(reviewer=busy):
        services.review_submit(assignment=assignment, by=busy, scores=scores_for(cohort, 4, 4))
    cohort.review_deadline = now + timedelta(days=6)
    cohort.save()
    assert reminders.send_due(now=now + timedelta(hours=2)) == 0
