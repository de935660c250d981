"""The dashboard's charts: one ``Chart`` gives the SVG, its data table and its exports.

A chart is data first: ``columns`` (the x axis: days, regions, cohorts...) and ``series``
(one value per column). The template draws the SVG from :meth:`Chart.svg` and the table
from :meth:`Chart.rows`; the CSV and XLSX exports read :meth:`Chart.export_rows`. So the
three can never disagree, and the small-cell rule (``home.aggregates.cell``) is applied in
one place: a series about people (``people=True``, the default) shows 1–4 as "fewer than 5"
in the table and the exports, and leaves that bar or point out of the drawing.

Why small SVG templates and not a charting library: the one maintained server-side SVG
library on the index (pygal) is not installed, draws its tooltips and legends with
JavaScript, gives no ``role="img"``/``<title>``/``<desc>`` and tells series apart by colour;
our charts need a few lines, bars and text labels, every value is in the table under the
chart anyway, and ~150 lines of Python plus one template weigh nothing on the page.

Adding a chart from another app
-------------------------------
From its ``apps.ready()``::

    from network import charts

    charts.register(charts.ChartSource(
        key="trust",                       # unique; used in export URLs
        title=_("Trust between sectors, as answered"),
        order=200,                         # place on the dashboard (built-ins: 10–110)
        build=build_trust_chart,           # build(filters) -> Chart | None
    ))

``filters`` is a :class:`Filters`: ``start`` and ``end`` (dates), ``region`` (a
``home.taxonomy.Region`` value or ""), ``programme`` (a ProgrammePage id or None),
``snapshots()`` (the sampled ``(day, figures)`` pairs of the period, read once per request),
``latest()`` and ``column_label(day)``. ``build`` must read a bounded number of queries and
return a :class:`Chart` (or ``None`` to leave the chart out); set ``note`` when a filter does
not apply to it. The chart gets its SVG, table, CSV and XLSX exports with no more code.
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from home.aggregates import Cell, cell, share
from home.taxonomy import Region

#: At most this many days are drawn on a chart over time (evenly spread, first and last in).
SAMPLES = 13


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------
@dataclass
class Series:
    label: str
    values: list
    #: A count about people: the small-cell rule applies.
    people: bool = True
    #: A percentage (``values`` are fractions or None): shown in the table, not drawn.
    percent: bool = False
    #: Positions withheld by secondary suppression (network.protect), whatever their count.
    withheld: frozenset = frozenset()
    #: A mean answer on a scale (``values`` are numbers, or None where fewer than five
    #: people answered): drawn, and shown with one decimal.
    mean: bool = False

    def cells(self) -> list:
        if self.mean:
            return [Cell(None) if v is None else Cell(round(v, 1)) for v in self.values]
        if self.percent:
            return [Cell(None) if v is None else v for v in self.values]
        if self.people:
            return [
                Cell(None) if i in self.withheld else cell(v) for i, v in enumerate(self.values)
            ]
        return [Cell(v or 0) for v in self.values]

    def shown(self, value) -> str:
        if self.mean and isinstance(value, Cell) and value.value is not None:
            from django.utils.formats import number_format

            return number_format(value.value, 1)
        if isinstance(value, Cell):
            return value.display() if not (self.percent and value.value is None) else _withheld()
        return f"{round(value * 100)} %"


def _n(value: int) -> str:
    """A count as the active language writes it (grouped digits)."""
    from django.utils.formats import number_format

    return number_format(value, force_grouping=True)


def _withheld() -> str:
    return gettext("withheld (fewer than 5)")


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "line" (over time) or "bar"
    column_heading: str
    columns: list
    series: list
    description: str = ""
    note: str = ""

    def rows(self) -> list[tuple[str, list[str]]]:
        """The data table: one row per column, one shown cell per series."""
        cells = [s.cells() for s in self.series]
        return [
            (label, [s.shown(cells[i][j]) for i, s in enumerate(self.series)])
            for j, label in enumerate(self.columns)
        ]

    @property
    def headings(self) -> list[str]:
        return [str(self.column_heading), *(str(s.label) for s in self.series)]

    def export_rows(self) -> list[list]:
        """Rows for CSV and XLSX: numbers as numbers, withheld cells as their words."""
        cells = [s.cells() for s in self.series]
        rows = []
        for j, label in enumerate(self.columns):
            row = [label]
            for i, s in enumerate(self.series):
                c = cells[i][j]
                if s.percent:
                    row.append(_withheld() if isinstance(c, Cell) else round(c * 100, 1))
                else:
                    row.append(c.value if c.value is not None else c.display())
            rows.append(row)
        return rows

    @property
    def empty(self) -> bool:
        return not self.columns

    @cached_property
    def svg(self) -> dict:
        return _geometry(self)


# ---------------------------------------------------------------------------
# Drawing: coordinates for templates/network/includes/chart.html
# ---------------------------------------------------------------------------
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64
MARKERS = ("circle", "square", "diamond", "ring", "open-square")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2")
FILLS = ("solid", "hatch", "dots", "cross", "outline")
#: The palette's tokens (DESIGN.md): primary, accent, link, success, muted.
COLOURS = ("#0B5563", "#A14A00", "#0A58A8", "#1B6E3A", "#4A5565")


def _nice_step(value: int) -> int:
    """A round step (1, 2 or 5 times a power of ten) for about four gridlines up to
    ``value``."""
    raw = max(value / 4, 1)
    magnitude = 10 ** int(math.floor(math.log10(raw)))
    for step in (1, 2, 5, 10):
        if step * magnitude >= raw:
            return int(step * magnitude)
    return int(10 * magnitude)


def _short(label: str, size: int = 16) -> str:
    label = str(label)
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def _marker(x, y) -> dict:
    """A point and the corners its marker shapes need (templates cannot add floats)."""
    return {
        "x": x,
        "y": y,
        "x4": round(x - 4, 1),
        "y4": round(y - 4, 1),
        "x3": round(x - 3.5, 1),
        "y3": round(y - 3.5, 1),
    }


def _marker_svg(shape: str, p: dict, colour: str):
    """One point's marker (a shape per series, so that series differ by more than colour)."""
    from django.utils.html import format_html

    if shape == "circle":
        return format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', p["x"], p["y"], colour)
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>', p["x4"], p["y4"], colour
        )
    if shape == "diamond":
        return format_html(
            '<rect x="{}" y="{}" width="7" height="7" fill="{}" transform="rotate(45 {} {})"/>',
            p["x3"],
            p["y3"],
            colour,
            p["x"],
            p["y"],
        )
    if shape == "ring":
        return format_html(
            '<circle cx="{}" cy="{}" r="4.5" fill="#fff" stroke="{}" stroke-width="2"/>',
            p["x"],
            p["y"],
            colour,
        )
    return format_html(
        '<rect x="{}" y="{}" width="8" height="8" fill="#fff" stroke="{}" stroke-width="2"/>',
        p["x4"],
        p["y4"],
        colour,
    )


def _geometry(chart: Chart) -> dict:
    drawn = [s for s in chart.series if not s.percent]
    cells = [s.cells() for s in drawn]
    values = [c.value for row in cells for c in row if c.value is not None]
    step_value = _nice_step(max(values, default=0))
    top = max(step_value * math.ceil(max(values, default=0) / step_value), step_value)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(chart.columns), 1)

    def y(v):
        return round(TOP + plot_h - (v / top) * plot_h, 1)

    ticks = [{"y": y(v), "label": _n(v), "x": LEFT - 6} for v in range(0, top + 1, step_value)]
    step = plot_w / n
    x_labels = [
        {"x": round(LEFT + step * (j + 0.5), 1), "label": _short(label)}
        for j, label in enumerate(chart.columns)
    ]
    every = max(1, math.ceil(n / 8))  # at most 8 x labels, so they stay readable
    for j, item in enumerate(x_labels):
        item["shown"] = j % every == 0 or j == n - 1
    series = []
    if chart.kind == "line":
        for i, (s, row) in enumerate(zip(drawn, cells, strict=True)):
            points, segments, current = [], [], []
            for j, c in enumerate(row):
                x = round(LEFT + step * (j + 0.5), 1)
                if c.value is None:
                    points.append({"x": x, "y": y(0) - 4, "withheld": True, "text": c.display()})
                    if current:
                        segments.append(current)
                    current = []
                    continue
                point = _marker(x, y(c.value)) | {"withheld": False, "text": _n(c.value)}
                points.append(point)
                current.append(f"{x},{point['y']}")
            if current:
                segments.append(current)
            marker, colour = MARKERS[i % len(MARKERS)], COLOURS[i % len(COLOURS)]
            for p in points:
                if not p["withheld"]:
                    p["svg"] = _marker_svg(marker, p, colour)
            last = next((p for p in reversed(points) if not p["withheld"]), None)
            series.append(
                {
                    "label": s.label,
                    "last": last and {"x": last["x"] - 4, "y": last["y"] - 8, "text": last["text"]},
                    "legend": _marker_svg(marker, _marker(14, 7), colour),
                    "marker": MARKERS[i % len(MARKERS)],
                    "dash": DASHES[i % len(DASHES)],
                    "colour": COLOURS[i % len(COLOURS)],
                    "points": points,
                    "segments": [" ".join(seg) for seg in segments],
                }
            )
    else:
        k = max(len(drawn), 1)
        bar_w = step * 0.8 / k
        labelled = n * k <= 30
        for i, (s, row) in enumerate(zip(drawn, cells, strict=True)):
            bars = []
            for j, c in enumerate(row):
                x = round(LEFT + step * j + step * 0.1 + bar_w * i, 1)
                if c.value is None:
                    bars.append(
                        {"x": x, "y": y(0) - 12, "w": round(bar_w, 1), "h": 0, "withheld": True}
                    )
                    continue
                h = round(plot_h * c.value / top, 1)
                bars.append(
                    {
                        "x": x,
                        "y": round(TOP + plot_h - h, 1),
                        "w": round(bar_w, 1),
                        "h": h,
                        "withheld": False,
                        "text": _n(c.value) if labelled else "",
                        "tx": round(x + bar_w / 2, 1),
                        "ty": round(TOP + plot_h - h - 3, 1),
                    }
                )
            series.append(
                {
                    "label": s.label,
                    "fill": FILLS[i % len(FILLS)],
                    "colour": COLOURS[i % len(COLOURS)],
                    "bars": bars,
                }
            )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "base": TOP + plot_h,
        "ticks": ticks,
        "x_labels": x_labels,
        "x_label_y": TOP + plot_h + 18,
        "series": series,
        "withheld_text": "<5",
    }


# ---------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------
@dataclass
class Filters:
    start: datetime.date
    end: datetime.date
    region: str = ""
    programme: int | None = None
    labels: dict = field(default_factory=dict)

    @cached_property
    def _snapshots(self) -> list[tuple[datetime.date, dict]]:
        from network.models import Snapshot

        in_period = Snapshot.objects.filter(day__gte=self.start, day__lte=self.end)
        days = sorted(in_period.values_list("day", flat=True))
        if not days:
            return []
        if len(days) > SAMPLES:
            picks = {days[round(i * (len(days) - 1) / (SAMPLES - 1))] for i in range(SAMPLES)}
            days = sorted(picks)
        rows = dict(Snapshot.objects.filter(day__in=days).values_list("day", "figures"))
        return [(day, rows[day]) for day in days if day in rows]

    def snapshots(self) -> list[tuple[datetime.date, dict]]:
        return self._snapshots

    def latest(self) -> dict | None:
        return self._snapshots[-1][1] if self._snapshots else None

    def latest_day(self) -> datetime.date | None:
        return self._snapshots[-1][0] if self._snapshots else None

    @staticmethod
    def column_label(day: datetime.date) -> str:
        return date_format(day, "SHORT_DATE_FORMAT")


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ChartSource:
    key: str
    title: object
    order: int
    build: Callable[[Filters], Chart | None]
    #: Whether ``build`` narrows the chart to ``filters.region`` / ``filters.programme``;
    #: when a filter is set that the chart does not follow, the dashboard says so.
    by_region: bool = True
    by_programme: bool = False


_SOURCES: dict[str, ChartSource] = {}


def register(source: ChartSource) -> None:
    """Add (or replace, by key) a chart on the dashboard."""
    _SOURCES[source.key] = source


def sources() -> list[ChartSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def get_source(key: str) -> ChartSource | None:
    return _SOURCES.get(key)


def build_all(filters: Filters) -> list[Chart]:
    charts = []
    for source in sources():
        chart = source.build(filters)
        if chart is None:
            continue
        notes = [chart.note] if chart.note else []
        if filters.region and not source.by_region:
            notes.append(_region_note(filters))
        if filters.programme and not source.by_programme:
            notes.append(gettext("Not broken down by programme."))
        chart.note = " ".join(notes)
        charts.append(chart)
    return charts


# ---------------------------------------------------------------------------
# The built-in charts, read from the snapshots
# ---------------------------------------------------------------------------
def family_labels() -> dict:
    return {
        "government": _("Government"),
        "civil_society": _("Civil society"),
        "other": _("Other sectors"),
    }


def region_labels() -> dict:
    return {**dict(Region.choices), "unknown": _("Region not given")}


def _over_time(filters, pick) -> tuple[list, list[list]]:
    columns, rows = [], []
    for day, figures in filters.snapshots():
        columns.append(filters.column_label(day))
        rows.append(pick(figures))
    return columns, [list(values) for values in zip(*rows, strict=True)] if rows else []


def _region_note(filters) -> str:
    return gettext("Not broken down by region: the figures are for the whole network.")


def _hidden(members: dict) -> int:
    """Members in the total but in no breakdown (hidden profiles)."""
    return max(members["total"] - sum(members["by_family"].values()), 0)


def members_over_time(filters: Filters) -> Chart:
    region = filters.region

    def pick(f):
        if region:
            by = f["members"]["by_region_family"].get(region, {})
            return [by.get(k, 0) for k in family_labels()]
        return [
            f["members"]["total"],
            *(f["members"]["by_family"].get(k, 0) for k in family_labels()),
        ]

    from network import protect

    columns, values = _over_time(filters, pick)
    keys = list(family_labels())
    withheld = [set() for _k in keys]
    for j, (_day, f) in enumerate(filters.snapshots()):
        m = f["members"]
        if region:
            out = {
                fam for r, fam in protect.region_family(m["by_region_family"], keys) if r == region
            }
        else:
            out = protect.families_in_total(
                m["by_family"], m["total"] - sum(m["by_family"].values())
            )
        for i, key in enumerate(keys):
            if key in out:
                withheld[i].add(j)
    labels = list(family_labels().values())
    series = [
        Series(
            str(label),
            values[i + (0 if region else 1)] if values else [],
            withheld=frozenset(withheld[i]),
        )
        for i, label in enumerate(labels)
    ]
    if not region:
        series.insert(
            0, Series(str(_("All members (hidden profiles included)")), values[0] if values else [])
        )
    return Chart(
        key="members",
        title=gettext("Members over time, by sector family"),
        description=gettext(
            "Members at each date, by the sector family of their profile. Hidden profiles "
            "count only in the total."
        ),
        kind="line",
        column_heading=gettext("Date"),
        columns=columns,
        series=series,
    )


def members_by_region(filters: Filters) -> Chart:
    latest = filters.latest()
    by = latest["members"]["by_region_family"] if latest else {}
    regions = [r for r in region_labels() if r in by]
    if filters.region:
        regions = [r for r in regions if r == filters.region]
    from network import protect

    families = family_labels()
    out = protect.region_family(by, families, _hidden(latest["members"]) if latest else None)
    return Chart(
        key="regions",
        title=gettext("Members by region and sector family"),
        description=gettext("Members on the last day of the period, hidden profiles left out."),
        kind="bar",
        column_heading=gettext("Region"),
        columns=[str(region_labels()[r]) for r in regions],
        series=[
            Series(
                str(label),
                [by[r].get(key, 0) for r in regions],
                withheld=frozenset(j for j, r in enumerate(regions) if (r, key) in out),
            )
            for key, label in families.items()
        ],
    )


def members_by_country(filters: Filters) -> Chart:
    from django_countries import countries

    from home.taxonomy import COUNTRY_REGION
    from network import protect

    latest = filters.latest()
    by = dict(latest["members"]["by_country"]) if latest else {}
    out = protect.countries(by)
    if filters.region:
        by = {c: n for c, n in by.items() if COUNTRY_REGION.get(c) == filters.region}
    names = dict(countries)
    ordered = sorted(by.items(), key=lambda item: (-item[1], item[0]))
    top, rest = ordered[:15], ordered[15:]
    columns = [str(names.get(code, gettext("Country not given"))) for code, _n in top]
    values = [n for _c, n in top]
    if rest:
        columns.append(gettext("Other countries"))
        values.append(sum(n for _c, n in rest))
    return Chart(
        key="countries",
        title=gettext("Members by country"),
        description=gettext(
            "The 15 countries with the most members on the last day of the period, the others "
            "together; hidden profiles left out."
        ),
        kind="bar",
        column_heading=gettext("Country"),
        columns=columns,
        series=[
            Series(
                gettext("Members"),
                values,
                withheld=frozenset(j for j, (code, _n) in enumerate(top) if code in out),
            )
        ],
    )


def active_members(filters: Filters) -> Chart:
    region = filters.region

    def pick(f):
        if region:
            by = f["active"]["by_region"].get(region, {})
            return [by.get("30", 0), by.get("90", 0)]
        return [f["active"]["30"], f["active"]["90"]]

    columns, values = _over_time(filters, pick)
    labels = [gettext("Active in the last 30 days"), gettext("Active in the last 90 days")]
    return Chart(
        key="active",
        title=gettext("Active members"),
        description=gettext(
            "Members who signed in, posted in a group, registered for an event or made a "
            "connection in the 30 or 90 days before each date."
        ),
        kind="line",
        column_heading=gettext("Date"),
        columns=columns,
        series=[Series(label, values[i] if values else []) for i, label in enumerate(labels)],
    )


def connections(filters: Filters) -> Chart:
    region = filters.region

    def pick(f):
        c = f["connections"]
        if region:
            by = c["by_region"].get(region, {})
            return [by.get("total", 0), by.get("cross", 0)]
        return [c["total"], c["cross"]]

    columns, values = _over_time(filters, pick)
    totals, cross = (values[0], values[1]) if values else ([], [])
    return Chart(
        key="connections",
        title=gettext("Connections, and those between government and civil society"),
        description=gettext(
            "Connections made up to each date, and how many join a member from government "
            "with one from civil society (connections of hidden profiles count only in the "
            "total)."
        ),
        kind="line",
        column_heading=gettext("Date"),
        columns=columns,
        series=[
            Series(gettext("Connections"), totals),
            Series(gettext("Between government and civil society"), cross),
            Series(
                gettext("Share between government and civil society"),
                [share(c, t) for c, t in zip(cross, totals, strict=True)],
                percent=True,
            ),
        ],
        note=gettext("In a region: connections with at least one member in it.") if region else "",
    )


def coalitions(filters: Filters) -> Chart:
    region = filters.region

    def pick(f):
        c = f["coalitions"]
        if region:
            return [c["groups_by_region"].get(region, 0)]
        return [c["groups"], c["conversations"]]

    columns, values = _over_time(filters, pick)
    labels = [gettext("Groups")] if region else [gettext("Groups"), gettext("Group conversations")]
    return Chart(
        key="coalitions",
        title=gettext("Coalitions across sectors"),
        description=gettext(
            "Groups and group conversations whose members include both government and civil "
            "society."
        ),
        kind="line",
        column_heading=gettext("Date"),
        columns=columns,
        series=[
            Series(label, values[i] if values else [], people=False)
            for i, label in enumerate(labels)
        ],
        note=gettext("In a region: groups of that region; conversations have none.")
        if region
        else "",
    )


def alumni(filters: Filters) -> Chart:
    latest = filters.latest()
    figures = {}
    if latest:
        figures = latest["alumni"]
        if filters.programme:
            figures = figures["by_programme"].get(str(filters.programme), {})
    measures = {
        "total": gettext("Alumni"),
        "active_90": gettext("Active in the last 90 days"),
        "at_events_90": gettext("At an event in the last 90 days"),
        "posting_90": gettext("Posting in the last 90 days"),
        "mentoring_90": gettext("In a mentoring exchange in the last 90 days"),
    }
    return Chart(
        key="alumni",
        title=gettext("Alumni engagement"),
        description=gettext("Cohort alumni on the last day of the period, and what they did."),
        kind="bar",
        column_heading=gettext("Measure"),
        columns=list(measures.values()) if latest else [],
        series=[Series(gettext("Alumni"), [figures.get(k, 0) for k in measures])],
    )


def _cohorts(filters) -> list[dict]:
    latest = filters.latest()
    cohorts = list((latest or {}).get("cohorts", {}).values())
    if filters.programme:
        cohorts = [c for c in cohorts if c["programme"] == filters.programme]
    if filters.region:
        cohorts = [c for c in cohorts if c["region"] == filters.region]
    return sorted(cohorts, key=lambda c: (c.get("start", ""), c["title"]))


def cohort_funnel(filters: Filters) -> Chart:
    cohorts = _cohorts(filters)
    stages = {
        "applied": gettext("Applied"),
        "shortlisted": gettext("Shortlisted"),
        "accepted": gettext("Accepted"),
        "completed": gettext("Completed the cohort"),
    }
    return Chart(
        key="funnel",
        title=gettext("Cohort funnel"),
        description=gettext(
            "For each cohort: applications submitted, shortlisted, accepted, and participants "
            "who completed it."
        ),
        kind="bar",
        column_heading=gettext("Cohort"),
        columns=[c["title"] for c in cohorts],
        series=[Series(label, [c[key] for c in cohorts]) for key, label in stages.items()],
    )


def cohort_balance(filters: Filters) -> Chart:
    from cohorts.selectors import _group_label

    columns, targets, reached = [], [], []
    for c in _cohorts(filters):
        for t in c["targets"]:
            columns.append(f"{c['title']}: {_group_label(t['group']).split(': ', 1)[-1]}")
            targets.append(t["target"])
            reached.append(t["reached"])
    return Chart(
        key="balance",
        title=gettext("Selection balance against the cohorts' targets"),
        description=gettext(
            "For each cohort target: the number of people aimed for, and how many shortlisted "
            "and accepted applicants are in that group."
        ),
        kind="bar",
        column_heading=gettext("Cohort and group"),
        columns=columns,
        series=[
            Series(gettext("Target"), targets, people=False),
            Series(gettext("Shortlisted and accepted"), reached),
        ],
    )


def events(filters: Filters) -> Chart:
    region = filters.region
    keys = ("registered", "attended", "no_shows", "held")

    def pick(f):
        e = f["events"]["by_region"].get(region, {}) if region else f["events"]
        return [e.get(k, 0) for k in keys]

    columns, values = _over_time(filters, pick)
    labels = [
        gettext("Registrations"),
        gettext("People checked in"),
        gettext("Did not come"),
        gettext("Events held"),
    ]
    return Chart(
        key="events",
        title=gettext("Events: registered, attended and no-shows"),
        description=gettext(
            "Registrations up to each date (cancelled ones left out), people checked in, "
            "confirmed people who did not come to an event that has ended, and events held."
        ),
        kind="line",
        column_heading=gettext("Date"),
        columns=columns,
        series=[
            Series(label, values[i] if values else [], people=i < 3)
            for i, label in enumerate(labels)
        ],
    )


def awards_by_category(filters: Filters) -> Chart:
    latest = filters.latest()
    categories = list(((latest or {}).get("awards") or {}).get("by_category", {}).values())
    values = []
    for c in categories:
        by = c["by_region"]
        values.append(by.get(filters.region, 0) if filters.region else sum(by.values()))
    return Chart(
        key="award_categories",
        title=gettext("Award nominations by category"),
        description=gettext("Nominations submitted up to the last day of the period."),
        kind="bar",
        column_heading=gettext("Category"),
        columns=[c["label"] for c in categories],
        series=[Series(gettext("Nominations"), values)],
    )


def awards_by_region(filters: Filters) -> Chart:
    latest = filters.latest()
    by = ((latest or {}).get("awards") or {}).get("by_region", {})
    regions = [r for r in region_labels() if r in by]
    if filters.region:
        regions = [r for r in regions if r == filters.region]
    return Chart(
        key="award_regions",
        title=gettext("Award nominations by region"),
        description=gettext(
            "Nominations submitted up to the last day of the period, by the nominee's country."
        ),
        kind="bar",
        column_heading=gettext("Region"),
        columns=[str(region_labels()[r]) for r in regions],
        series=[Series(gettext("Nominations"), [by[r] for r in regions])],
    )


def stories(filters: Filters) -> Chart:
    columns, values = _over_time(
        filters, lambda f: [f["stories"]["proposed"], f["stories"]["published"]]
    )
    labels = [gettext("Proposed by members"), gettext("Published")]
    return Chart(
        key="stories",
        title=gettext("Stories proposed and published"),
        description=gettext("Stories members proposed, and stories published, up to each date."),
        kind="line",
        column_heading=gettext("Date"),
        columns=columns,
        series=[
            Series(label, values[i] if values else [], people=False)
            for i, label in enumerate(labels)
        ],
    )


#: key, title, order, build, follows the region filter, follows the programme filter.
BUILTIN = [
    ("members", _("Members over time, by sector family"), 10, members_over_time, True, False),
    ("regions", _("Members by region and sector family"), 20, members_by_region, True, False),
    ("countries", _("Members by country"), 25, members_by_country, True, False),
    ("active", _("Active members"), 30, active_members, True, False),
    ("connections", _("Connections"), 40, connections, True, False),
    ("coalitions", _("Coalitions across sectors"), 50, coalitions, True, False),
    ("alumni", _("Alumni engagement"), 60, alumni, False, True),
    ("funnel", _("Cohort funnel"), 70, cohort_funnel, True, True),
    ("balance", _("Selection balance"), 75, cohort_balance, True, True),
    ("events", _("Events"), 80, events, True, False),
    ("award_categories", _("Award nominations by category"), 90, awards_by_category, True, False),
    ("award_regions", _("Award nominations by region"), 95, awards_by_region, True, False),
    ("stories", _("Stories"), 110, stories, False, False),
]


def register_builtin() -> None:
    for key, title, order, build, by_region, by_programme in BUILTIN:
        register(
            ChartSource(
                key=key,
                title=title,
                order=order,
                build=build,
                by_region=by_region,
                by_programme=by_programme,
            )
        )
