"""What a theme page gathers: each app contributes its own sections from its own code.

The content app owns theme pages; every page model with a ``themes`` relation to
``home.Theme`` is gathered generically (``home.selectors.themed_page_models``). An app
whose pages need more than "tagged with this theme, newest first" registers its sections
in ``apps.py`` ``ready()``::

    themes.register(
        themes.ThemeSection(
            key="events_upcoming",
            label=_("Upcoming events"),
            items=selectors.theme_upcoming_events,  # (theme_key, *, scope) -> ordered pages
            models=(EventPage,),  # gathered here, so left out of the generic sections
            order=20,
        )
    )

``items`` filters its pages with ``scope`` (``home.selectors.reader_scope``: live,
public, in the reader's language) and returns them as an ordered, unevaluated queryset
(``card_rows``). The theme page takes the first few of every section at once
(``home.selectors.gather_card_rows``: one UNION and one query for the pages) and loads
their themes and images at once (``home.selectors.prepare_cards``), so a theme page
costs a fixed few queries whatever the number of sections.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ThemeSection:
    key: str
    label: str
    items: Callable[..., list]
    models: tuple = field(default=())
    order: int = 100
    #: A second band under the others, for what is over (past events).
    archive: bool = False


_SECTIONS: dict[str, ThemeSection] = {}


def register(section: ThemeSection) -> None:
    _SECTIONS[section.key] = section


def sections() -> list[ThemeSection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def claimed_models() -> tuple:
    """Page models a registered section gathers itself."""
    return tuple(model for section in _SECTIONS.values() for model in section.models)


# ---------------------------------------------------------------------------
# Where a theme has its own page (the content app's theme pages)
# ---------------------------------------------------------------------------
_page_finders: list[Callable] = []


def register_pages(find: Callable[..., dict]) -> None:
    """``find(theme_keys, *, locale)`` returns ``{theme translation_key: url}`` for the
    themes that have a live page a reader in ``locale`` can open."""
    _page_finders.append(find)


def page_urls(theme_keys, *, locale) -> dict:
    urls: dict = {}
    for find in _page_finders:
        for key, url in find(list(theme_keys), locale=locale).items():
            urls.setdefault(key, url)
    return urls


# ---------------------------------------------------------------------------
# Asides: what an app shows beside a theme's sections (the thematic network)
# ---------------------------------------------------------------------------
_asides: list[Callable] = []


def register_aside(aside: Callable) -> None:
    """``aside(theme, viewer)`` returns ``(template, context)`` to show on the theme's
    page, or None; it decides what ``viewer`` may see, in a bounded number of queries."""
    if aside not in _asides:
        _asides.append(aside)


def asides(theme, viewer) -> list[dict]:
    """``[{"template": ..., "context": {...}}]`` for the theme page, in registration order."""
    shown = []
    for aside in _asides:
        found = aside(theme, viewer)
        if found:
            template, context = found
            shown.append({"template": template, "context": context})
    return shown
