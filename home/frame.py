"""The site frame's vocabulary: what a page model (or an app) declares so that the kernel
serves, searches, lists in sitemaps and frames its pages. No imports of models here, so
page modules can use it at class-definition time.

A page model sets any of these class attributes (defaults in brackets):

``translation_notice`` [``TranslationNotice.MESSAGE``]
    What a reader sees when the page is shown in its source language because it is not
    translated into theirs yet: ``MESSAGE`` (the kernel adds a short message at the top of
    the page), ``INLINE`` (the page's template includes
    ``home/includes/translation_notice.html``, which names the source language) or ``NONE``.
``noindex`` [``False``]
    The page asks search engines not to index it: it answers with ``X-Robots-Tag`` and a
    robots ``<meta>``, and the sitemaps leave it out. A class attribute, not a property.
``search_group`` [``OTHER_PAGES``]
    The ``SearchGroup`` its results are listed under on the site search page.

Each is read with ``getattr`` and a default, so a page model that sets nothing is served,
searched (through its ``search_fields``) and listed in the sitemap like any other.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ROBOTS_NOINDEX = "noindex, follow"


class TranslationNotice:
    MESSAGE = "message"
    INLINE = "inline"
    NONE = "none"


@dataclass(frozen=True)
class SearchGroup:
    """A heading on the search page. ``key`` is the ``type`` filter's value."""

    key: str
    label: str
    order: int = 100


OTHER_PAGES = SearchGroup("pages", _("Other pages"), order=1000)


def translation_notice(page) -> str:
    return getattr(page, "translation_notice", TranslationNotice.MESSAGE)


def is_noindex(page_or_model) -> bool:
    return getattr(page_or_model, "noindex", False) is True


def search_group(page_or_model) -> SearchGroup:
    group = getattr(page_or_model, "search_group", None)
    return group if isinstance(group, SearchGroup) else OTHER_PAGES


def noindex_response(response, value: str = ROBOTS_NOINDEX):
    """Mark any view's response as not for search engines (``X-Robots-Tag``)."""
    response["X-Robots-Tag"] = value
    return response
