from wagtail.models import Locale

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


@pytest.fixture
def theme(site):
    return Theme.objects.filter(locale__language_code="en").order_by("sort_order").first()


@pytest.fixture
def tree(site, theme):
    """Index pages in three languages and one page of each type (English, then translated)."""
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
