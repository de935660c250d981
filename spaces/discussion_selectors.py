"""Reads about discussions (threads and posts). Stub: the discussions work fills it."""


def recent_threads(space, viewer, *, limit: int = 5) -> list:
    """The latest threads of ``space`` that ``viewer`` may read (pinned first), for the
    group page; [] when the viewer may not read the space. Bounded queries."""
    return []


def search_threads(viewer, query: str, *, limit: int = 20) -> list:
    """Threads matching ``query`` in the spaces ``viewer`` is a member of."""
    return []
