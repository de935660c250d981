from .pages import (
    GuideChapterPage,
    GuidePage,
    NewsIndexPage,
    NewsPage,
    ResourceIndexPage,
    ResourcePage,
    StoryIndexPage,
    StoryPage,
    StoryPerson,
    ThemeIndexPage,
    ThemePage,
)

__all__ = [
    "GuideChapterPage",
    "GuidePage",
    "NewsIndexPage",
    "NewsPage",
    "ResourceIndexPage",
    "ResourcePage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPerson",
    "ThemeIndexPage",
    "ThemePage",
]
