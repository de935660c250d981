"""The scoring maths, pure and separately tested.

Shared by award judging and cohort review. For one nomination (or application):

* each juror's **total** is the weighted mean of the criteria they scored
  (weights renormalised over those criteria, so a missing score neither counts as zero
  nor drags the total down);
* the nomination's **weighted mean** is the mean of its jurors' totals;
* **spread** is the highest total minus the lowest (0 with one juror);
* **count** is the number of jurors who scored it; scores from conflicted jurors are
  removed before any of this (the caller passes them in ``excluded``).

Ranking sorts by weighted mean, highest first; equal means share a rank and are marked
as tied, so staff see a tie rather than an arbitrary order.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


@dataclass
class Aggregate:
    mean: Decimal | None
    spread: Decimal | None
    count: int
    juror_totals: dict = field(default_factory=dict)
    per_criterion: dict = field(default_factory=dict)
    incomplete_jurors: int = 0


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def aggregate(
    weights: dict[int, Decimal],
    scores: list[tuple[int, int, int]],
    excluded: set[int] | frozenset = frozenset(),
) -> Aggregate:
    """``weights``: criterion id → weight; ``scores``: (juror id, criterion id, value)."""
    by_juror: dict[int, dict[int, int]] = defaultdict(dict)
    for juror, criterion, value in scores:
        if juror in excluded or criterion not in weights:
            continue
        by_juror[juror][criterion] = value
    totals = {}
    incomplete = 0
    per_criterion: dict[int, list[int]] = defaultdict(list)
    for juror, marks in by_juror.items():
        weight_sum = sum((Decimal(weights[c]) for c in marks), Decimal(0))
        if weight_sum <= 0:
            continue
        totals[juror] = (
            sum((Decimal(weights[c]) * Decimal(v) for c, v in marks.items()), Decimal(0))
            / weight_sum
        )
        if len(marks) < len(weights):
            incomplete += 1
        for c, v in marks.items():
            per_criterion[c].append(v)
    if not totals:
        return Aggregate(mean=None, spread=None, count=0)
    values = list(totals.values())
    mean = sum(values, Decimal(0)) / len(values)
    return Aggregate(
        mean=_q(mean),
        spread=_q(max(values) - min(values)),
        count=len(values),
        juror_totals={j: _q(t) for j, t in totals.items()},
        per_criterion={c: _q(Decimal(sum(vs)) / len(vs)) for c, vs in per_criterion.items()},
        incomplete_jurors=incomplete,
    )


def rank(items: list, key=lambda item: item.mean) -> list[tuple[int | None, bool, object]]:
    """(rank, tied, item) for items sorted by ``key`` descending; None keys last, unranked."""
    scored = [i for i in items if key(i) is not None]
    unscored = [i for i in items if key(i) is None]
    scored.sort(key=key, reverse=True)
    counts: dict = defaultdict(int)
    for item in scored:
        counts[key(item)] += 1
    out = []
    previous, current_rank = object(), 0
    for position, item in enumerate(scored, start=1):
        if key(item) != previous:
            current_rank, previous = position, key(item)
        out.append((current_rank, counts[key(item)] > 1, item))
    out.extend((None, False, item) for item in unscored)
    return out
