"""Counts that describe people in groups, never a person: the small-cell rule.

Any figure the platform shows or publishes about a group of people (a dashboard chart, an
export, the open-data file, a survey's results) passes through :func:`cell` first. A count
from 1 to ``THRESHOLD - 1`` could point at somebody ("the one member from Tonga who
answered 'no trust'"), so it is withheld and shown as "fewer than 5"; zero and counts of at
least ``THRESHOLD`` are shown as they are. Totals that cover the whole network may be
shown unsuppressed only where no cell can be subtracted back out of them; callers decide
that, this module only applies the rule.
"""

from dataclasses import dataclass

from django.utils.translation import gettext

#: The smallest count that may be shown for a cell that could identify people.
THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    """One count as it may be shown: ``value`` is ``None`` when it is withheld."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return self.display()

    def display(self) -> str:
        """The text a person reads: the count, or "fewer than 5" in their language."""
        if self.value is None:
            return gettext("fewer than %(n)s") % {"n": THRESHOLD}
        return f"{self.value}"


def suppressed(count: int) -> bool:
    """Whether ``count`` must be withheld: 1 to THRESHOLD - 1."""
    return 0 < count < THRESHOLD


def cell(count: int | None) -> Cell:
    """``count`` as it may be shown (``None`` counts as 0)."""
    count = count or 0
    return Cell(None if suppressed(count) else count)


def share(part: int, whole: int) -> float | None:
    """``part / whole`` as a fraction, or ``None`` when either side must be withheld.

    A share computed from a withheld count would give the count back (3 of 40 = 7.5 %), so
    both sides must pass the rule.
    """
    if whole <= 0 or suppressed(part) or suppressed(whole):
        return None
    return part / whole
