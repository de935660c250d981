"""Celery tasks for surveys. Thin and idempotent: they call surveys.services."""

from celery import shared_task

from surveys import services
from surveys.models import SurveyRound


@shared_task(acks_late=True)
def send_due() -> int:
    """Beat, hourly: post-event and end-of-cohort surveys for what ended (each person once)."""
    return services.send_after_events() + services.send_after_cohorts()


@shared_task(acks_late=True)
def send_round_invitations(round_id: int) -> int:
    """The emails of a launched stakeholder survey (each person once)."""
    round_ = SurveyRound.objects.filter(pk=round_id).select_related("survey").first()
    if round_ is None:
        return 0
    return services.send_invitations(round=round_)
