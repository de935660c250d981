"""Secondary suppression: a withheld cell must not be given back by a total.

``home.aggregates.cell`` withholds counts of 1 to 4. But where a table shows (or another
chart of the same snapshot shows) the total of a row or a column, a row with exactly one
withheld cell gives it back: total minus the others. So wherever a group of cells has a
known total and exactly one withheld cell, the smallest other non-zero cell of the group
is withheld too, until no such group is left.

Cells whose value a reader never sees (the hidden members inside a total that includes
them) count as unknowns: a group with one withheld cell and one unknown is already safe.

Groups used: the members by region and sector family (its rows add up to the members by
region, its columns to the members by family); the members by country within each region;
each date's members by family inside the total that includes hidden profiles.
"""

from collections.abc import Hashable, Iterable

from home.aggregates import suppressed


def protect(groups: Iterable[Iterable[tuple[Hashable, int]]], unknown=frozenset()) -> set:
    """The keys to withhold among ``groups`` of ``(key, count)`` cells (see the module)."""
    groups = [list(group) for group in groups]
    withheld = {key for group in groups for key, value in group if suppressed(value)}
    changed = True
    while changed:
        changed = False
        for group in groups:
            out = [key for key, _v in group if key in withheld or key in unknown]
            if len(out) != 1 or out[0] in unknown:
                continue
            others = sorted(
                (value, str(key), key)
                for key, value in group
                if key not in withheld and key not in unknown and value > 0
            )
            if others:
                withheld.add(others[0][2])
                changed = True
    return withheld


def region_family(
    by_region_family: dict, families: Iterable[str], hidden: int | None = None
) -> set[tuple[str, str]]:
    """The (region, family) cells to withhold in the members by region and family; with
    ``hidden``, also against the total of all members that includes them."""
    families = list(families)
    rows = [
        [((region, family), by.get(family, 0)) for family in families]
        for region, by in by_region_family.items()
    ]
    columns = [
        [((region, family), by.get(family, 0)) for region, by in by_region_family.items()]
        for family in families
    ]
    groups = rows + columns
    unknown = set()
    if hidden is not None:
        groups.append([cell for row in rows for cell in row] + [("__hidden__", hidden)])
        unknown = {"__hidden__"} if hidden else set()
    return protect(groups, unknown=unknown) - {"__hidden__"}


def countries(by_country: dict) -> set[str]:
    """The countries to withhold: within each region (whose total is shown)."""
    from home.taxonomy import COUNTRY_REGION

    groups = {}
    for code, n in by_country.items():
        groups.setdefault(COUNTRY_REGION.get(code, "unknown"), []).append((code, n))
    return protect(groups.values())


def families_in_total(by_family: dict, hidden: int) -> set[str]:
    """The families to withhold next to the total that includes ``hidden`` members."""
    group = [*by_family.items(), ("__hidden__", hidden)]
    unknown = {"__hidden__"} if hidden else set()
    return protect([group], unknown=unknown) - {"__hidden__"}
