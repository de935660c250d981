import factory
import wagtail_factories

from content.models import (
    GuideChapterPage,
    GuidePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StoryIndexPage,
    StoryPage,
    ThemeIndexPage,
    ThemePage,
)
from home.factories import ThemeFactory


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories"
    slug = "stories"
    intro = "Stories of reform, told by the people who did it."

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Story {n}")
    summary = "How a city opened its budget."
    country = "KE"
    pull_quote = "We opened the books."

    class Meta:
        model = StoryPage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Resources"
    slug = "resources"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A toolkit for open contracting."
    resource_type = "toolkit"

    class Meta:
        model = ResourcePage


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guide {n}")
    summary = "The open government guide."

    class Meta:
        model = GuidePage


class GuideChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chapter {n}")
    summary = "A chapter of the guide."

    class Meta:
        model = GuideChapterPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"News {n}")
    summary = "Something happened."

    class Meta:
        model = NewsPage


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Themes"
    slug = "themes"

    class Meta:
        model = ThemeIndexPage


class ThemePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Theme page {n}")
    theme = factory.SubFactory(ThemeFactory)

    class Meta:
        model = ThemePage
