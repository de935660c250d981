"""What the discussion work registers with the kernel: the "Discussions" search source,
which finds threads only in the groups the searcher is an active member of."""

from django.utils.translation import gettext_lazy as _


def find_threads(query: str, *, viewer, theme_key: str = "") -> list:
    from spaces.discussion_selectors import search_threads

    return search_threads(viewer, query)


def connect() -> None:
    from home import search

    search.register_source(
        search.SearchSource(
            "discussions",
            _("Discussions"),
            find_threads,
            "spaces/includes/search_thread.html",
            order=2100,
        )
    )
