from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

import factory
import wagtail_factories

from awards.models import (
    AwardCategory,
    AwardCriterion,
    AwardIndexPage,
    AwardProgrammePage,
    JurorAssignment,
    JurorRole,
    Nomination,
)
from community.factories import UserFactory


class AwardIndexPageFactory(wagtail_factories.PageFactory):
    title = "Awards"
    slug = factory.Sequence(lambda n: f"awards-{n}")

    class Meta:
        model = AwardIndexPage


class AwardProgrammePageFactory(wagtail_factories.PageFactory):
    """An edition whose nominations are open now (override the dates for other phases)."""

    title = factory.Sequence(lambda n: f"Open Government Awards {2026 + n}")
    slug = factory.Sequence(lambda n: f"awards-edition-{n}")
    purpose = "<p>Recognising reformers who open up government.</p>"
    eligibility = "<p>Anyone working on open government.</p>"
    timezone = "Europe/Paris"
    nominations_open = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    nominations_close = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    judging_close = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    announcement_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=40))

    class Meta:
        model = AwardProgrammePage


class AwardCategoryFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AwardProgrammePageFactory)
    name = factory.Sequence(lambda n: f"Category {n}")
    locale = factory.LazyAttribute(lambda o: o.page.locale)
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = AwardCategory


class AwardCriterionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AwardProgrammePageFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal("1")
    locale = factory.LazyAttribute(lambda o: o.page.locale)
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = AwardCriterion


class NominationFactory(factory.django.DjangoModelFactory):
    category = factory.SubFactory(AwardCategoryFactory)
    programme = factory.LazyAttribute(lambda o: o.category.page)
    nominator = factory.SubFactory(UserFactory)
    nominee_name = factory.Sequence(lambda n: f"Nominee {n}")
    organisation = factory.Sequence(lambda n: f"Organisation {n}")
    country = "KE"
    sector = "civil_society"
    contact_email = factory.Sequence(lambda n: f"nominee{n}@example.net")
    status = Nomination.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Nomination


class JurorRoleFactory(factory.django.DjangoModelFactory):
    programme = factory.SubFactory(AwardProgrammePageFactory)
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = JurorRole


class JurorAssignmentFactory(factory.django.DjangoModelFactory):
    juror = factory.SubFactory(JurorRoleFactory)

    class Meta:
        model = JurorAssignment
