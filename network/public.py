"""The public picture of the network: the block "The network in numbers" and the
open-data file read the latest snapshot only (one query), with the small-cell rule applied
to every count about people, and hidden members counted only in the totals."""

import datetime

from django.utils.translation import gettext as _

from home.aggregates import THRESHOLD, Cell, cell, share
from network.charts import family_labels, region_labels

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def latest() -> tuple[datetime.date, dict] | None:
    """The newest snapshot's day and figures (one query), or None."""
    from network.models import Snapshot

    return Snapshot.objects.order_by("-day").values_list("day", "figures").first()


def _row(
    measure, label, value, *, region="", family="", people=True, percent=False, withheld=False
):
    if withheld:
        shown = None
    elif percent:
        shown, withheld = (None, True) if value is None else (round(value * 100, 1), False)
    else:
        c = cell(value) if people else None
        shown = value if c is None else c.value
    withheld = shown is None
    return {
        "measure": measure,
        "measure_label": str(label),
        "region": region,
        "region_label": str(region_labels().get(region, "")) if region else "",
        "sector_family": family,
        "sector_family_label": str(family_labels().get(family, "")) if family else "",
        "value": shown,
        "withheld": withheld,
    }


def rows(figures: dict) -> list[dict]:
    """Every public figure as a flat row (the open-data file's ``data``)."""
    from network import protect

    members = figures["members"]
    hidden = max(members["total"] - sum(members["by_family"].values()), 0)
    out = protect.region_family(members["by_region_family"], family_labels(), hidden)
    result = [_row("members", _("Members (hidden profiles included)"), members["total"])]
    for region in region_labels():
        by = members["by_region_family"].get(region)
        if by is None:
            continue
        for family in family_labels():
            result.append(
                _row(
                    "members_by_region_and_sector_family",
                    _("Members by region and sector family (hidden profiles left out)"),
                    by.get(family, 0),
                    region=region,
                    family=family,
                    withheld=(region, family) in out,
                )
            )
    connections = figures["connections"]
    result += [
        _row("connections", _("Connections between members"), connections["total"]),
        _row(
            "cross_sector_connections",
            _("Connections between government and civil society"),
            connections["cross"],
        ),
        _row(
            "cross_sector_share_percent",
            _("Share of connections between government and civil society (%)"),
            share(connections["cross"], connections["total"]),
            percent=True,
        ),
        _row("alumni", _("Cohort alumni"), figures["alumni"]["total"]),
        _row("events_held", _("Events held"), figures["events"]["held"], people=False),
        _row(
            "stories_published",
            _("Stories published"),
            figures["stories"]["published"],
            people=False,
        ),
    ]
    return result


def fields() -> list[dict]:
    """The open-data schema: each field of a ``data`` row and what it means."""
    return [
        {"name": "measure", "type": "string", "description": _("What is counted (a stable key).")},
        {"name": "measure_label", "type": "string", "description": _("What is counted, in words.")},
        {
            "name": "region",
            "type": "string",
            "description": _("The region (a stable key), or empty for the whole network."),
        },
        {"name": "region_label", "type": "string", "description": _("The region, in words.")},
        {
            "name": "sector_family",
            "type": "string",
            "description": _(
                "government, civil_society or other (the family of the member's sector), or empty."
            ),
        },
        {
            "name": "sector_family_label",
            "type": "string",
            "description": _("The sector family, in words."),
        },
        {
            "name": "value",
            "type": "number",
            "description": _("The count (or percentage); empty when withheld."),
        },
        {
            "name": "withheld",
            "type": "boolean",
            "description": _("True when the count is from 1 to %(n)s and so is not published.")
            % {"n": THRESHOLD - 1},
        },
    ]


def document(language: str) -> dict | None:
    found = latest()
    if found is None:
        return None
    day, figures = found
    return {
        "title": _("The OpenGov Collective network in numbers"),
        "date": day.isoformat(),
        "language": language,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": _("OpenGov Collective"),
        "small_cell_rule": _(
            "Counts of people from 1 to %(n)s are withheld (value empty, withheld true), so "
            "that nobody can be picked out. Members with a hidden profile count only in the "
            "total number of members."
        )
        % {"n": THRESHOLD - 1},
        "fields": fields(),
        "data": rows(figures),
    }


def block_figures() -> dict | None:
    """What the block shows: the headline numbers and members by region."""
    found = latest()
    if found is None:
        return None
    from network import protect

    day, figures = found
    members = figures["members"]
    totals = {region: sum(by.values()) for region, by in members["by_region_family"].items()}
    hidden = max(members["total"] - sum(totals.values()), 0)
    # The regions add up to the total (with the hidden members, an unknown): protected.
    out = protect.protect(
        [[*totals.items(), ("__hidden__", hidden)]],
        unknown={"__hidden__"} if hidden else set(),
    )
    by_region = []
    for region, label in region_labels().items():
        if region in totals and region != "unknown":
            count = Cell(None) if region in out else cell(totals[region])
            by_region.append({"label": label, "count": count})
    connections = figures["connections"]
    cross_share = share(connections["cross"], connections["total"])
    return {
        "day": day,
        "members": cell(figures["members"]["total"]),
        "by_region": by_region,
        "cross": cell(connections["cross"]),
        "cross_share": None if cross_share is None else round(cross_share * 100),
        "alumni": cell(figures["alumni"]["total"]),
        "events_held": figures["events"]["held"],
        "stories": figures["stories"]["published"],
    }
