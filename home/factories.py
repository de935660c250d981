from wagtail.models import Locale

import factory
import wagtail_factories

from home.models import HomePage, StandardPage, Theme


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "An introduction."

    class Meta:
        model = StandardPage
