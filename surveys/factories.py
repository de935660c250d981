from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale

import factory

from surveys.models import Audience, Survey, SurveyRound


def question(kind="scale", label="How much do you trust the other sector?", **extra):
    """One question block value (home.questions.QuestionBlock)."""
    value = {
        "kind": kind,
        "label": label,
        "help_text": "",
        "required": True,
        "choices": [],
        "scale_min": 1,
        "scale_max": 5,
        "min_label": "",
        "max_label": "",
        "max_length": None,
        "tag": "",
    }
    value.update(extra)
    return ("question", value)


def default_questions():
    return [
        question(
            "scale",
            "How much do you trust people in the other sector family?",
            min_label="Not at all",
            max_label="Completely",
            tag="trust",
        ),
        question("choice", "Did the event meet your needs?", choices=["Yes", "Partly", "No"]),
        question(
            "multiple_choice",
            "What did you gain?",
            choices=["Contacts", "Ideas", "Skills"],
            required=False,
        ),
        question("short_text", "One word for the event", required=False, max_length=40),
        question("long_text", "What should we change?", required=False),
    ]


class SurveyFactory(factory.django.DjangoModelFactory):
    """A stakeholder survey open since yesterday, with one question of each kind."""

    title = factory.Sequence(lambda n: f"Survey {n}")
    introduction = "Five minutes, to learn how the network grows."
    questions = factory.LazyFunction(default_questions)
    audience = Audience.STAKEHOLDERS
    group = "all"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Survey


class SurveyRoundFactory(factory.django.DjangoModelFactory):
    """A round open now for two weeks."""

    survey = factory.SubFactory(SurveyFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    class Meta:
        model = SurveyRound
