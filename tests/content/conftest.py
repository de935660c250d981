from wagtail.models import Locale, Page, Site

import pytest

from content.factories import (
    GuideChapterPageFactory,
    GuidePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    ThemeIndexPageFactory,
    ThemePageFactory,
)
from home.models import Theme

LANGUAGES = ("en", "fr", "es")


def translate(page, code, **fields):
    """Copy ``page`` into ``code`` (as wagtail-localize does) and publish the copy."""
    locale = Locale.objects.get(language_code=code)
    copy = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def _first_theme():
    return Theme.objects.filter(locale__language_code="en").order_by("sort_order").first()


@pytest.fixture(scope="module")
def _content_site(module_db):
    """The site and the content tree, built once per test module (about 1.7 s each time);
    tests get fresh copies by id through ``site`` and ``tree``."""
    from home.demo.seed import seed

    seed(lambda message: None)
    site = Site.objects.get(is_default_site=True)
    pages = _build_tree(site, _first_theme())
    return {
        key: (
            {pair: page.pk for pair, page in value.items()} if key == "translations" else value.pk
        )
        for key, value in pages.items()
    }


@pytest.fixture
def site(_content_site, db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def bare_site(db):
    """The site without the content tree, built for the one test: for modules whose tests
    build their own index pages or seed the content themselves (they override ``site``)."""
    from home.demo.seed import seed

    seed(lambda message: None)
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def theme(site):
    return _first_theme()


@pytest.fixture
def tree(_content_site, db):
    """Index pages in three languages and one page of each type (English, then translated)."""
    fresh = {
        key: Page.objects.get(pk=pk).specific
        for key, pk in _content_site.items()
        if key != "translations"
    }
    fresh["translations"] = {
        pair: Page.objects.get(pk=pk).specific for pair, pk in _content_site["translations"].items()
    }
    return fresh


def _build_tree(site, theme):
    home = site.root_page.specific
    pages = {
        "stories": StoryIndexPageFactory(parent=home),
        "resources": ResourceIndexPageFactory(parent=home),
        "news": NewsIndexPageFactory(parent=home),
        "themes": ThemeIndexPageFactory(parent=home),
    }
    pages["story"] = StoryPageFactory(
        parent=pages["stories"], title="Budget story", slug="budget-story"
    )
    pages["resource"] = ResourcePageFactory(
        parent=pages["resources"], title="Contracting toolkit", slug="toolkit"
    )
    pages["guide"] = GuidePageFactory(
        parent=pages["resources"], title="Open government guide", slug="guide"
    )
    pages["chapter"] = GuideChapterPageFactory(
        parent=pages["guide"], title="Why open government", slug="why"
    )
    pages["news_item"] = NewsPageFactory(
        parent=pages["news"], title="Summit announced", slug="summit"
    )
    pages["theme_page"] = ThemePageFactory(
        parent=pages["themes"], theme=theme, title=theme.name, slug=theme.slug
    )
    for key in ("story", "resource", "guide", "news_item"):
        pages[key].themes.add(theme)
        pages[key].save_revision().publish()
    translations = {}
    for key in (
        "stories",
        "resources",
        "news",
        "themes",
        "story",
        "resource",
        "guide",
        "chapter",
        "news_item",
        "theme_page",
    ):
        for code in ("fr", "es"):
            translations[(key, code)] = translate(
                pages[key], code, title=f"{pages[key].title} [{code}]"
            )
    pages["translations"] = translations
    return pages
