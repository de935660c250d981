"""The demo has one completed network survey whose trust question passes the threshold,
and the post-event survey attached to past events; a second run changes nothing."""

from datetime import timedelta

from django.utils import timezone

import pytest

from home.models import OutboxEmail
from surveys import selectors
from surveys.models import Invitation, Receipt, Response, Survey, SurveyRound

pytestmark = pytest.mark.django_db


def test_the_demo_surveys_and_a_second_run(site):
    from community.demo.seed import seed as members
    from events.demo.seed import seed as events
    from surveys.demo.seed import seed

    members(lambda message: None)
    events(lambda message: None)
    seed(lambda message: None)
    counts = [m.objects.count() for m in (Survey, SurveyRound, Invitation, Receipt, Response)]
    seed(lambda message: None)
    assert [
        m.objects.count() for m in (Survey, SurveyRound, Invitation, Receipt, Response)
    ] == counts

    assert Survey.objects.filter(locale__language_code="fr").count() == 2
    now = timezone.now()
    trust = selectors.results_over_time(
        question_tag="trust", start=now - timedelta(days=800), end=now
    )
    assert len(trust) == 2
    assert all(row["answered"].value and row["answered"].value >= 5 for row in trust)
    assert trust[0]["mean"] is not None and trust[1]["mean"] > trust[0]["mean"]
    post = Survey.objects.get(locale__language_code="en", audience="after_event")
    assert SurveyRound.objects.filter(survey=post, event__isnull=False).exists()
    assert not OutboxEmail.objects.filter(reason="surveys.invitation").exists()
