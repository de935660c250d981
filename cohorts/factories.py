from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale

import factory
import wagtail_factories

from cohorts.models import CohortPage, PartnerOrganisation, ProgrammePage


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"School of Government {n}")
    locale = factory.LazyFunction(Locale.get_default)


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Leadership programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    intro = "A programme for reformers."
    timezone = "UTC"

    class Meta:
        model = ProgrammePage


def _question(kind="long_text", label="Why do you want to join?", required=True, choices=()):
    return {
        "kind": kind,
        "label": label,
        "help_text": "",
        "required": required,
        "choices": list(choices),
    }


class CohortPageFactory(wagtail_factories.PageFactory):
    """A cohort accepting applications now (window: yesterday to in ten days)."""

    title = factory.Sequence(lambda n: f"Cohort {n}")
    slug = factory.Sequence(lambda n: f"cohort-{n}")
    places = 3
    applications_open = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    applications_close = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    start_date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=30)).date())
    end_date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=120)).date())
    questions = factory.LazyFunction(lambda: [("question", _question())])

    class Meta:
        model = CohortPage
