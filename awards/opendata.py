"""Open data: the published results of every award edition, complete and described.

For each edition whose results are published, in the reader's language:

* the edition's dates, score scale, categories (with the number of nominations each
  received) and criteria with their weights, per judging round;
* the jury: how many jurors served, and the names of those who agreed to be named;
* the shortlist and the winners, each with the aggregate score the scoring maths gives
  (``home.scoring``: the mean of the jurors' weighted totals, conflicted jurors' scores
  left out). No juror's own score is ever published: a score scored by fewer than
  ``MIN_JURORS`` jurors is withheld (``null``), because it would be that juror's score.

One edition, or every published edition, reads as a JSON document (described by a JSON
Schema, :func:`json_schema`) and as CSV tables (described by a Frictionless Tabular Data
Package with a Table Schema per table, :func:`data_package`). Both carry the licence.

A fixed number of queries whatever the number of editions, nominations and scores.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Locale

from awards.models import (
    AwardCategory,
    AwardCriterion,
    AwardProgrammePage,
    ConflictOfInterest,
    JudgingRound,
    JurorRole,
    Nomination,
    ProgrammeRound,
    RoundNomination,
    Score,
)
from awards.selectors import story_links
from home import links, scoring
from home.exports import BOM, neutralise
from home.selectors import reader_scope

#: A score aggregated over fewer jurors than this would disclose a juror's own score.
MIN_JURORS = 2
#: The award results' licence (``AWARDS_OPEN_DATA_LICENCE`` overrides it).
LICENCE = {
    "id": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
RESULTS = ("winner", "honourable_mention", "shortlisted")
KINDS = tuple(Nomination.Kind.values)
TABLES = ("editions", "categories", "criteria", "jury", "results")


def licence() -> dict:
    return dict(getattr(settings, "AWARDS_OPEN_DATA_LICENCE", LICENCE))


def publisher() -> dict:
    return {"name": getattr(settings, "SITE_NAME", "OpenGov Collective"), "url": links.origin()}


def _iso(value) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


# --------------------------------------------------------------------------------------
# Reading the editions
# --------------------------------------------------------------------------------------


@dataclass
class Edition:
    page: AwardProgrammePage  # in the reader's language, else the default one
    canonical: AwardProgrammePage  # the page records point at
    state: ProgrammeRound
    categories: list = field(default_factory=list)  # canonical rows, localised names on
    criteria: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    jury_size: int = 0
    jury: list = field(default_factory=list)  # JurorRole rows that may be named
    results: list = field(default_factory=list)  # dicts (see _result)
    received: dict = field(default_factory=dict)  # canonical category id → submissions


def _localised(canonical_rows, own_rows):
    """Each canonical row with ``label``: its version in the page's language (by
    translation key), else itself."""
    own = {row.translation_key: row for row in own_rows}
    for row in canonical_rows:
        row.label = own.get(row.translation_key, row)
    return canonical_rows


def published_editions(language: str | None = None, *, programme=None) -> list[Edition]:
    """Every edition with published results (or only ``programme``'s), newest first, read
    for a reader of ``language``."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    published = ProgrammeRound.objects.filter(results_published_at__isnull=False)
    pages = AwardProgrammePage.objects.filter(reader_scope(locale))
    if programme is not None:
        pages = pages.filter(translation_key=programme.translation_key)
    pages = list(pages.select_related("locale"))
    first_pks = dict(
        AwardProgrammePage.objects.filter(translation_key__in={p.translation_key for p in pages})
        .order_by()  # Page's own ordering would split the groups
        .values_list("translation_key")
        .annotate(first=Min("pk"))
    )
    states = {s.programme_id: s for s in published.filter(programme_id__in=set(first_pks.values()))}
    if not states:
        return []
    seen = set()
    pages = [
        p
        for p in sorted(pages, key=lambda p: (p.locale.language_code != language, p.pk))
        if first_pks[p.translation_key] in states
        and not (p.translation_key in seen or seen.add(p.translation_key))
    ]
    own = {p.pk: p for p in pages}
    canonicals = {
        p.pk: p
        for p in (
            [own[pk] for pk in states if pk in own]
            + list(AwardProgrammePage.objects.filter(pk__in=set(states) - set(own)))
        )
    }
    editions = []
    for page in pages:
        canonical = canonicals[first_pks[page.translation_key]]
        canonical.__dict__["canonical"] = canonical
        page.__dict__["canonical"] = canonical
        state = states[canonical.pk]
        canonical.__dict__["_round_cache"] = state
        editions.append(Edition(page=page, canonical=canonical, state=state))
    editions.sort(
        key=lambda e: (e.canonical.announcement_at, e.state.results_published_at, e.canonical.pk),
        reverse=True,
    )
    _fill(editions, locale)
    return editions


def _fill(editions: list[Edition], locale) -> None:
    by_canonical = {e.canonical.pk: e for e in editions}
    page_ids = set(by_canonical) | {e.page.pk for e in editions}
    rows = {"categories": defaultdict(list), "criteria": defaultdict(list)}
    for category in AwardCategory.objects.filter(page_id__in=page_ids).order_by("sort_order", "pk"):
        rows["categories"][category.page_id].append(category)
    for criterion in AwardCriterion.objects.filter(page_id__in=page_ids).order_by(
        "sort_order", "pk"
    ):
        rows["criteria"][criterion.page_id].append(criterion)
    for e in editions:
        e.categories = _localised(rows["categories"][e.canonical.pk], rows["categories"][e.page.pk])
        e.criteria = _localised(rows["criteria"][e.canonical.pk], rows["criteria"][e.page.pk])
        categories = {c.pk: c for c in e.categories}
        for criterion in e.criteria:  # applies_to() reads the category: no query
            if criterion.category_id in categories:
                criterion.category = categories[criterion.category_id]
    rounds = defaultdict(list)
    for judging_round in (
        JudgingRound.objects.filter(programme_id__in=by_canonical)
        .prefetch_related("criteria")
        .order_by("position")
    ):
        rounds[judging_round.programme_id].append(judging_round)
    for pk, e in by_canonical.items():
        e.rounds = rounds[pk]
        for i, r in enumerate(e.rounds):
            r.programme = e.canonical
            r.__dict__["previous"] = e.rounds[i - 1] if i else None
            r.__dict__["next"] = e.rounds[i + 1] if i + 1 < len(e.rounds) else None
    for role in (
        JurorRole.objects.filter(programme_id__in=by_canonical)
        .select_related("user")
        .order_by("pk")
    ):
        e = by_canonical[role.programme_id]
        e.jury_size += 1
        if role.publish_name:
            e.jury.append(role)
    for e in editions:  # by the name published, whichever field it comes from
        e.jury.sort(key=lambda role: (role.display_name.casefold(), role.pk))
    for programme_id, category_id, count in (
        Nomination.objects.filter(programme_id__in=by_canonical, status=Nomination.Status.SUBMITTED)
        .values_list("programme_id", "category_id")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        by_canonical[programme_id].received[category_id] = count
    _fill_results(by_canonical, locale)


def _fill_results(by_canonical: dict, locale) -> None:
    nominations = list(
        Nomination.objects.filter(programme_id__in=by_canonical, status=Nomination.Status.SUBMITTED)
        .filter(Q(shortlisted=True) | ~Q(award=""))
        .select_related("story_page")
        .order_by("nominee_name", "pk")
    )
    ids = [n.pk for n in nominations]
    entered = defaultdict(set)  # nomination → the later rounds it entered
    for nomination_id, round_id in RoundNomination.objects.filter(
        nomination_id__in=ids
    ).values_list("nomination_id", "round_id"):
        entered[nomination_id].add(round_id)
    marks = _marks(ids)
    stories = {
        pk: links.absolute(url)
        for pk, url in story_links(nominations, locale.language_code).items()
    }
    order = {"winner": 0, "honourable_mention": 1, "shortlisted": 2}
    for nomination in nominations:
        e = by_canonical[nomination.programme_id]
        category = next((c for c in e.categories if c.pk == nomination.category_id), None)
        if category is None:
            continue
        rounds = [  # the first round judges them all; later ones, the shortlist fed in
            (r.pk, r.position, r.chosen_criteria_ids)
            for r in e.rounds
            if r.previous is None or r.pk in entered[nomination.pk]
        ]
        judged = _judged(category, e.criteria, rounds, marks[nomination.pk])
        e.results.append(_result(e, nomination, category, judged, stories))
    for e in by_canonical.values():
        positions = {c.pk: i for i, c in enumerate(e.categories)}
        e.results.sort(
            key=lambda r: (positions[r["category_id"]], order[r["result"]], r["nominee"])
        )


def _marks(nomination_ids) -> dict:
    """Nomination id → round id → (juror, criterion, value): every score of these
    nominations but those of jurors with a blocking conflict of interest, one query."""
    blocking = ConflictOfInterest.objects.filter(
        juror_id=OuterRef("juror_id"),
        nomination_id=OuterRef("nomination_id"),
        status__in=ConflictOfInterest.BLOCKING,
    )
    marks = defaultdict(lambda: defaultdict(list))
    for juror_id, nomination_id, round_id, criterion_id, value in (
        Score.objects.filter(nomination_id__in=nomination_ids)
        .exclude(Exists(blocking))
        .values_list("juror_id", "nomination_id", "round_id", "criterion_id", "value")
    ):
        marks[nomination_id][round_id].append((juror_id, criterion_id, value))
    return marks


def _judged(category, criteria, rounds, marks) -> list[tuple[int, scoring.Aggregate]]:
    """(position, aggregate) for each of ``rounds`` ((id, position, chosen criterion ids:
    none means the whole rubric), first to last), from ``marks`` (round id → scores)."""
    out = []
    for round_id, position, chosen in rounds:
        weights = {
            c.pk: c.weight
            for c in criteria
            if (not chosen or c.pk in chosen) and c.applies_to(category)
        }
        out.append((position, scoring.aggregate(weights, marks.get(round_id, []))))
    return out


def _last_scored(judged) -> scoring.Aggregate | None:
    """The aggregate of the last round anyone scored the nomination in."""
    return next((result for _position, result in reversed(judged) if result.count), None)


def _published_score(result: scoring.Aggregate) -> tuple[float | None, dict]:
    if result.count < MIN_JURORS:
        return None, {}
    return _number(result.mean), {c: _number(v) for c, v in result.per_criterion.items()}


def _result(e: Edition, nomination, category, judged, stories) -> dict:
    language = translation.get_language() or settings.LANGUAGE_CODE
    last = _last_scored(judged)
    score, per_criterion = _published_score(last) if last else (None, {})
    rounds = [
        {"round": position, "score": _published_score(result)[0], "jurors_scored": result.count}
        for position, result in judged
    ]
    return {
        "edition_id": e.canonical.pk,
        "edition": e.page.title,
        "category_id": category.pk,
        "category": category.label.name,
        "result": nomination.award or "shortlisted",
        "nominee": nomination.nominee_name,
        "kind": nomination.kind,
        "organisation": nomination.organisation,
        "country": nomination.country.code if nomination.country else "",
        "sector": nomination.sector,
        "score": score,
        "jurors_scored": last.count if last else 0,
        "criteria_scores": [
            {"criterion_id": c.pk, "score": per_criterion[c.pk]}
            for c in e.criteria
            if c.pk in per_criterion
        ],
        "rounds": rounds,
        "citation": nomination.citation_in(language) if nomination.award else "",
        "story_url": stories.get(nomination.pk, ""),
    }


def page_scores(page: AwardProgrammePage, nominations) -> dict:
    """Nomination id → (published score or None, jurors who scored) for the results page,
    by the files' rule, in two queries (the page has read its rubric already)."""
    criteria = page.canonical_criteria()
    rounds = {}  # round id → (id, position, the criteria it chose)
    for pk, position, criterion in JudgingRound.objects.filter(
        programme_id=page.canonical.pk
    ).values_list("pk", "position", "criteria"):
        chosen = rounds.setdefault(pk, (pk, position, set()))[2]
        if criterion:
            chosen.add(criterion)
    marks = _marks([n.pk for n in nominations])
    out = {}
    for nomination in nominations:
        scored = sorted(
            (rounds[r] for r in marks[nomination.pk] if r in rounds), key=lambda r: r[1]
        )
        last = _last_scored(_judged(nomination.category, criteria, scored, marks[nomination.pk]))
        out[nomination.pk] = (_published_score(last)[0], last.count) if last else (None, 0)
    return out


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


def _edition_url(viewname: str, e: Edition) -> str:
    return links.url(f"awards:{viewname}", kwargs={"programme_pk": e.canonical.pk})


def edition_data(e: Edition) -> dict:
    canonical = e.canonical
    page_url = e.page.get_url()
    round_criteria = {
        r.position: [
            c.pk for c in e.criteria if not r.chosen_criteria_ids or c.pk in r.chosen_criteria_ids
        ]
        for r in e.rounds
    }
    return {
        "id": canonical.pk,
        "title": e.page.title,
        "url": links.absolute(page_url) if page_url else "",
        "results_url": _edition_url("results", e),
        "timezone": canonical.timezone,
        "nominations_open": _iso(canonical.nominations_open),
        "nominations_close": _iso(canonical.nominations_close),
        "judging_close": _iso(canonical.judging_close),
        "announcement_at": _iso(canonical.announcement_at),
        "results_published_at": _iso(e.state.results_published_at),
        "score_scale": {"min": canonical.score_min, "max": canonical.score_max},
        "nominations_received": sum(e.received.values()),
        "categories": [
            {
                "id": c.pk,
                "name": c.label.name,
                "description": c.label.description,
                "nominations_received": e.received.get(c.pk, 0),
            }
            for c in e.categories
        ],
        "criteria": [
            {
                "id": c.pk,
                "name": c.label.name,
                "description": c.label.description,
                "weight": _number(c.weight),
                "category_id": c.category_id,
            }
            for c in e.criteria
        ],
        "rounds": [
            {
                "round": r.position,
                "kind": r.kind,
                "name": str(r.label),
                "criteria_ids": round_criteria[r.position],
            }
            for r in e.rounds
        ],
        "jury": {
            "size": e.jury_size,
            "named": [{"name": j.display_name, "title": j.public_title} for j in e.jury],
        },
        "results": e.results,
    }


def _envelope(document: str) -> dict:
    return {
        "schema": links.url("awards:open_data_schema", kwargs={"document": document}),
        "licence": licence(),
        "publisher": publisher(),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "generated_at": _iso(timezone.now()),
    }


def edition_document(e: Edition) -> dict:
    return {**_envelope("edition"), **edition_data(e)}


def editions_document(editions: list[Edition]) -> dict:
    return {**_envelope("editions"), "editions": [edition_data(e) for e in editions]}


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------


def table_rows(table: str, editions: list[Edition]):
    """The rows of one CSV table (see :func:`table_schema` for its columns)."""
    for e in editions:
        data = edition_data(e) if table in ("editions", "categories", "criteria") else None
        if table == "editions":
            yield {
                "edition_id": data["id"],
                **{k: data[k] for k in _COLUMNS["editions"] if k in data},
                "score_min": data["score_scale"]["min"],
                "score_max": data["score_scale"]["max"],
                "jury_size": data["jury"]["size"],
            }
        elif table == "categories":
            for c in data["categories"]:
                yield {
                    "edition_id": e.canonical.pk,
                    "edition": e.page.title,
                    "category_id": c["id"],
                    "category": c["name"],
                    "description": c["description"],
                    "nominations_received": c["nominations_received"],
                }
        elif table == "criteria":
            rounds = data["rounds"] or [
                {"round": 1, "criteria_ids": [c["id"] for c in data["criteria"]]}
            ]
            for r in rounds:
                for c in data["criteria"]:
                    if c["id"] not in r["criteria_ids"]:
                        continue
                    yield {
                        "edition_id": e.canonical.pk,
                        "edition": e.page.title,
                        "round": r["round"],
                        "criterion_id": c["id"],
                        "criterion": c["name"],
                        "description": c["description"],
                        "weight": c["weight"],
                        "category_id": c["category_id"],
                    }
        elif table == "jury":
            for j in e.jury:
                yield {
                    "edition_id": e.canonical.pk,
                    "edition": e.page.title,
                    "juror": j.display_name,
                    "juror_title": j.public_title,
                }
        else:
            yield from e.results


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def table_csv(table: str, editions: list[Edition]) -> str:
    columns = table_columns(table)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in table_rows(table, editions):
        writer.writerow([_csv_value(row.get(column)) for column in columns])
    return out.getvalue()


# --------------------------------------------------------------------------------------
# Descriptions: Table Schema (Frictionless Data Package) and JSON Schema
# --------------------------------------------------------------------------------------


def _fields() -> dict:
    """Every column and property, once: name → (type, title, description, extras)."""
    return {
        "edition_id": ("integer", _("Edition"), _("The edition's number on this site."), {}),
        "edition": (
            "string",
            _("Edition title"),
            _("The edition's title in this file's language."),
            {},
        ),
        "title": ("string", _("Title"), _("The edition's title in this file's language."), {}),
        "url": ("string", _("Address"), _("The edition's page."), {"format": "uri"}),
        "results_url": (
            "string",
            _("Results page"),
            _("The page of the edition's results."),
            {"format": "uri"},
        ),
        "timezone": (
            "string",
            _("Time zone"),
            _("The edition's time zone (IANA name); every time in this file is in UTC."),
            {},
        ),
        "nominations_open": (
            "datetime",
            _("Nominations open"),
            _("When nominations opened (UTC)."),
            {},
        ),
        "nominations_close": (
            "datetime",
            _("Nominations close"),
            _("When nominations closed (UTC)."),
            {},
        ),
        "judging_close": (
            "datetime",
            _("Judging closes"),
            _("When the jury's scoring closed (UTC)."),
            {},
        ),
        "announcement_at": (
            "datetime",
            _("Announcement"),
            _("When the results were to be announced (UTC)."),
            {},
        ),
        "results_published_at": (
            "datetime",
            _("Results published"),
            _("When the results were published (UTC)."),
            {},
        ),
        "score_min": (
            "integer",
            _("Lowest score"),
            _("The lowest score a juror could give a criterion."),
            {},
        ),
        "score_max": (
            "integer",
            _("Highest score"),
            _("The highest score a juror could give a criterion."),
            {},
        ),
        "nominations_received": (
            "integer",
            _("Nominations received"),
            _("Submitted nominations (withdrawn, declined and merged ones are not counted)."),
            {"constraints": {"minimum": 0}},
        ),
        "jury_size": (
            "integer",
            _("Jury size"),
            _("How many jurors served, named or not."),
            {"constraints": {"minimum": 0}},
        ),
        "category_id": ("integer", _("Category"), _("The category's number on this site."), {}),
        "category": (
            "string",
            _("Category name"),
            _("The category's name in this file's language."),
            {},
        ),
        "description": ("string", _("Description"), _("In this file's language."), {}),
        "round": (
            "integer",
            _("Judging round"),
            _("The judging round, from 1."),
            {"constraints": {"minimum": 1}},
        ),
        "criterion_id": ("integer", _("Criterion"), _("The criterion's number on this site."), {}),
        "criterion": (
            "string",
            _("Criterion name"),
            _("The criterion's name in this file's language."),
            {},
        ),
        "weight": (
            "number",
            _("Weight"),
            _("The criterion's weight in a juror's total."),
            {"constraints": {"minimum": 0}},
        ),
        "juror": ("string", _("Juror"), _("A juror who agreed to be named."), {}),
        "juror_title": (
            "string",
            _("Juror's title"),
            _("The title or organisation the juror chose to publish."),
            {},
        ),
        "result": (
            "string",
            _("Result"),
            _("winner, honourable_mention or shortlisted."),
            {"constraints": {"enum": list(RESULTS)}},
        ),
        "nominee": ("string", _("Nominee"), _("The person or initiative nominated."), {}),
        "kind": (
            "string",
            _("Kind"),
            _("person or initiative."),
            {"constraints": {"enum": list(KINDS)}},
        ),
        "organisation": ("string", _("Organisation"), "", {}),
        "country": (
            "string",
            _("Country"),
            _("ISO 3166-1 alpha-2 code."),
            {"constraints": {"pattern": "^([A-Z]{2})?$"}},
        ),
        "sector": ("string", _("Sector"), "", {}),
        "score": (
            "number",
            _("Score"),
            _(
                "The mean of the jurors' weighted totals in the last round the nomination was scored in, conflicted jurors left out; empty when fewer than %(n)s jurors scored it."
            )
            % {"n": MIN_JURORS},
            {},
        ),
        "jurors_scored": (
            "integer",
            _("Jurors who scored"),
            _("How many jurors' scores the score is the mean of."),
            {"constraints": {"minimum": 0}},
        ),
        "citation": (
            "string",
            _("Citation"),
            _("The jury's citation, for winners and honourable mentions."),
            {},
        ),
        "story_url": ("string", _("Story"), _("A story about the nominee."), {}),
    }


_COLUMNS = {
    "editions": [
        "edition_id",
        "title",
        "url",
        "results_url",
        "timezone",
        "nominations_open",
        "nominations_close",
        "judging_close",
        "announcement_at",
        "results_published_at",
        "score_min",
        "score_max",
        "nominations_received",
        "jury_size",
    ],
    "categories": [
        "edition_id",
        "edition",
        "category_id",
        "category",
        "description",
        "nominations_received",
    ],
    "criteria": [
        "edition_id",
        "edition",
        "round",
        "criterion_id",
        "criterion",
        "description",
        "weight",
        "category_id",
    ],
    "jury": ["edition_id", "edition", "juror", "juror_title"],
    "results": [
        "edition_id",
        "edition",
        "category_id",
        "category",
        "result",
        "nominee",
        "kind",
        "organisation",
        "country",
        "sector",
        "score",
        "jurors_scored",
        "citation",
        "story_url",
    ],
}
_KEYS = {
    "editions": (["edition_id"], []),
    "categories": (["category_id"], [("edition_id", "editions", "edition_id")]),
    "criteria": (
        ["round", "criterion_id", "edition_id"],
        [("edition_id", "editions", "edition_id")],
    ),
    "jury": ([], [("edition_id", "editions", "edition_id")]),
    "results": (
        [],
        [("edition_id", "editions", "edition_id"), ("category_id", "categories", "category_id")],
    ),
}
_REQUIRED = {
    "edition_id",
    "title",
    "edition",
    "result",
    "nominee",
    "kind",
    "category_id",
    "criterion_id",
    "round",
    "juror",
    "weight",
}

#: A criterion for every category has no category.
_OPTIONAL = {("criteria", "category_id")}


def table_columns(table: str) -> list[str]:
    return list(_COLUMNS[table])


def table_schema(table: str) -> dict:
    fields = _fields()
    out = []
    for column in _COLUMNS[table]:
        kind, title, description, extras = fields[column]
        entry = {"name": column, "type": kind, "title": str(title)}
        if description:
            entry["description"] = str(description)
        if extras.get("format") == "uri":
            entry["format"] = "uri"
        constraints = dict(extras.get("constraints", {}))
        if column in _REQUIRED and (table, column) not in _OPTIONAL:
            constraints["required"] = True
        if constraints:
            entry["constraints"] = constraints
        out.append(entry)
    primary, foreign = _KEYS[table]
    schema = {"fields": out, "missingValues": [""]}
    if primary:
        schema["primaryKey"] = primary
    if foreign:
        schema["foreignKeys"] = [
            {"fields": own, "reference": {"resource": resource, "fields": theirs}}
            for own, resource, theirs in foreign
        ]
    return schema


def table_titles() -> dict:
    return {
        "editions": (_("Editions"), _("One row per edition with published results.")),
        "categories": (
            _("Categories"),
            _("One row per category of each edition, with the number of nominations it received."),
        ),
        "criteria": (
            _("Criteria"),
            _("One row per criterion of each judging round, with its weight."),
        ),
        "jury": (_("Jury"), _("One row per juror who agreed to be named.")),
        "results": (
            _("Results"),
            _(
                "One row per shortlisted nomination, winner or honourable mention, with its aggregate score."
            ),
        ),
    }


def data_package(e: Edition | None = None) -> dict:
    """The Frictionless Tabular Data Package describing the CSV tables (of one edition when
    ``e`` is given, of every published edition otherwise); resource paths are relative."""
    titles = table_titles()
    home = links.url("awards:open_data")
    name = f"award-results-{e.canonical.pk}" if e else "award-results"
    title = (
        _("Award results: %(title)s") % {"title": e.page.title}
        if e
        else _("Award results, every edition")
    )
    owner = licence()
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": str(title),
        "description": str(
            _(
                "Published results of the awards: criteria and weights, named jurors, shortlists and winners with aggregate scores. No juror's own score is published."
            )
        ),
        "homepage": home,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "created": _iso(timezone.now()),
        "licenses": [{"name": owner["id"], "title": owner["title"], "path": owner["url"]}],
        "contributors": [
            {"title": publisher()["name"], "path": publisher()["url"], "role": "publisher"}
        ],
        "resources": [
            {
                "name": table,
                "path": f"{table}.csv",
                "title": str(titles[table][0]),
                "description": str(titles[table][1]),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table),
            }
            for table in TABLES
        ],
    }


def _json_property(name: str) -> dict:
    kind, title, description, extras = _fields()[name]
    nullable = name in {
        "score",
        "category_id",
        "nominations_open",
        "nominations_close",
        "judging_close",
        "announcement_at",
    }
    base = {
        "datetime": {"type": "string", "format": "date-time"},
        "number": {"type": "number"},
        "integer": {"type": "integer"},
        "string": {"type": "string"},
    }[kind]
    prop = dict(base)
    if extras.get("format") == "uri":
        prop["format"] = "uri"
    constraints = extras.get("constraints", {})
    if "enum" in constraints:
        prop["enum"] = constraints["enum"]
    if "minimum" in constraints:
        prop["minimum"] = constraints["minimum"]
    if "pattern" in constraints:
        prop["pattern"] = constraints["pattern"]
    if nullable:
        prop["type"] = [prop["type"], "null"]
    prop["title"] = str(title)
    if description:
        prop["description"] = str(description)
    return prop


def _object(properties: dict, required=None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required if required is not None else properties),
        "additionalProperties": False,
    }


def _edition_schema() -> dict:
    p = _json_property
    text = {"type": "string"}
    return _object(
        {
            "id": p("edition_id"),
            "title": p("title"),
            "url": {
                "type": "string",
                "title": str(_("Address")),
                "description": str(_("The edition's page.")),
            },
            "results_url": p("results_url"),
            "timezone": p("timezone"),
            "nominations_open": p("nominations_open"),
            "nominations_close": p("nominations_close"),
            "judging_close": p("judging_close"),
            "announcement_at": p("announcement_at"),
            "results_published_at": p("results_published_at"),
            "score_scale": _object({"min": p("score_min"), "max": p("score_max")}),
            "nominations_received": p("nominations_received"),
            "categories": {
                "type": "array",
                "items": _object(
                    {
                        "id": p("category_id"),
                        "name": text,
                        "description": text,
                        "nominations_received": p("nominations_received"),
                    }
                ),
            },
            "criteria": {
                "type": "array",
                "items": _object(
                    {
                        "id": p("criterion_id"),
                        "name": text,
                        "description": text,
                        "weight": p("weight"),
                        "category_id": {
                            **p("category_id"),
                            "description": str(
                                _(
                                    "The only category the criterion applies to; null when it applies to every category."
                                )
                            ),
                        },
                    }
                ),
            },
            "rounds": {
                "type": "array",
                "items": _object(
                    {
                        "round": p("round"),
                        "kind": {"type": "string", "enum": list(JudgingRound.Kind.values)},
                        "name": text,
                        "criteria_ids": {
                            "type": "array",
                            "items": {"type": "integer"},
                            "description": str(_("The criteria jurors scored in this round.")),
                        },
                    }
                ),
            },
            "jury": _object(
                {
                    "size": p("jury_size"),
                    "named": {
                        "type": "array",
                        "items": _object({"name": p("juror"), "title": text}),
                    },
                }
            ),
            "results": {
                "type": "array",
                "items": _object(
                    {
                        **{k: p(k) for k in _COLUMNS["results"] if k not in ("score",)},
                        "score": p("score"),
                        "criteria_scores": {
                            "type": "array",
                            "description": str(
                                _("The mean score per criterion, under the same rule as the score.")
                            ),
                            "items": _object(
                                {"criterion_id": p("criterion_id"), "score": {"type": "number"}}
                            ),
                        },
                        "rounds": {
                            "type": "array",
                            "description": str(
                                _("The nomination's score in each round it was judged in.")
                            ),
                            "items": _object(
                                {
                                    "round": p("round"),
                                    "score": p("score"),
                                    "jurors_scored": p("jurors_scored"),
                                }
                            ),
                        },
                    }
                ),
            },
        }
    )


def _envelope_schema() -> dict:
    text = {"type": "string"}
    return {
        "schema": {
            "type": "string",
            "format": "uri",
            "description": str(_("The JSON Schema this file follows.")),
        },
        "licence": _object({"id": text, "title": text, "url": {"type": "string", "format": "uri"}}),
        "publisher": _object({"name": text, "url": {"type": "string", "format": "uri"}}),
        "language": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
        "generated_at": {"type": "string", "format": "date-time"},
    }


def json_schema(document: str) -> dict:
    """The JSON Schema (2020-12) of ``document``: "edition" (one edition's file) or
    "editions" (the all-editions file)."""
    edition = _edition_schema()
    envelope = _envelope_schema()
    url = links.url("awards:open_data_schema", kwargs={"document": document})
    if document == "edition":
        body = _object({**envelope, **edition["properties"]})
        title = _("The published results of one award edition")
    else:
        body = _object(
            {**envelope, "editions": {"type": "array", "items": {"$ref": "#/$defs/edition"}}}
        )
        title = _("The published results of every award edition")
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": url,
        "title": str(title),
        "description": str(
            _(
                "No juror's own score is published: a score is the mean over at least %(n)s jurors, else null."
            )
            % {"n": MIN_JURORS}
        ),
        **body,
        **({"$defs": {"edition": edition}} if document == "editions" else {}),
    }


def paths() -> dict:
    """The open-data files for every edition (for the open-data page)."""
    return {
        "json": reverse("awards:open_data_editions"),
        "package": reverse("awards:open_data_package"),
        "tables": [(t, reverse("awards:open_data_table", kwargs={"table": t})) for t in TABLES],
        "schemas": [
            (d, reverse("awards:open_data_schema", kwargs={"document": d}))
            for d in ("edition", "editions")
        ],
    }
