"""Reads about what a space shares and gathers. Stub: the resources work fills it."""


def resources_for(space, viewer, *, limit: int | None = None) -> list:
    """The resources ``viewer`` may see in ``space`` (newest first)."""
    return []


def upcoming_events(space, viewer, *, limit: int = 5) -> list:
    """Upcoming live events limited to ``space``'s members, in the reader's language."""
    return []
