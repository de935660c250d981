"""Reads for surveys: who is asked, and results as aggregates under the small-cell rule.

Every count about people goes through ``home.aggregates.cell`` (1 to 4 is withheld and
shown as "fewer than 5"); a mean is given only when at least ``THRESHOLD`` answers make
it; free text only when at least ``THRESHOLD`` people wrote some, never with who wrote it.
"""

from collections import Counter, defaultdict
from datetime import datetime
from statistics import fmean

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from home import questions as q
from home.aggregates import THRESHOLD, cell
from home.taxonomy import CIVIL_SOCIETY_SECTORS, GOVERNMENT_SECTORS
from surveys.models import Family, Invitation, Receipt, Response, Survey, SurveyRound


def originals(queryset):
    """Only the first survey of each translation key (rounds point at it)."""
    earlier = Survey.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return queryset.exclude(Exists(earlier))


# ---------------------------------------------------------------------------
# Who is asked
# ---------------------------------------------------------------------------
def attendee_ids(event) -> list[int]:
    """Members checked in at ``event`` (its original page holds the registrations)."""
    from events.models import Registration

    return list(
        Registration.objects.filter(
            event=event, attended_at__isnull=False, user__isnull=False, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def participant_ids(cohort) -> list[int]:
    """The cohort's participants, still taking part or completed (not "did not complete")."""
    from cohorts.models import Participant

    return list(
        Participant.objects.filter(
            cohort=cohort,
            status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED],
            user__isnull=False,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )


def group_members(group: str):
    """Active members (accounts with a profile) in a stakeholder survey's group."""
    members = get_user_model().objects.filter(is_active=True, profile__isnull=False)
    kind, _sep, value = (group or "all").partition(":")
    if kind == "alumni":
        from cohorts.models import Participant

        return members.filter(
            pk__in=Participant.objects.filter(status=Participant.Status.COMPLETED).values("user_id")
        )
    if kind == "family":
        if value == Family.GOVERNMENT:
            return members.filter(profile__sector__in=GOVERNMENT_SECTORS)
        if value == Family.CIVIL_SOCIETY:
            return members.filter(profile__sector__in=CIVIL_SOCIETY_SECTORS)
        return members.exclude(profile__sector__in=GOVERNMENT_SECTORS | CIVIL_SOCIETY_SECTORS)
    if kind == "region":
        return members.filter(profile__region=value)
    return members


def launch_preview(survey: Survey) -> int:
    """How many people a launch would invite now (one query)."""
    return group_members(survey.group).count()


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------
def rounds_of(survey: Survey):
    """The survey's rounds, newest first, with their invitation and answer counts."""
    return (
        SurveyRound.objects.filter(survey=survey.canonical)
        .select_related("event", "cohort")
        .annotate(
            invited=Coalesce(_count(Invitation), 0),
            answered=Coalesce(_count(Receipt), 0),
        )
        .order_by("-opens_at", "-pk")
    )


def _scale(spec: dict) -> tuple[int, int] | None:
    if spec["kind"] != q.SCALE:
        return None
    values = q.scale_values(spec)
    return (values[0], values[-1])


def _count(model, field: str = "round"):
    rows = model.objects.filter(**{field: OuterRef("pk")}).values(field)
    return Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField())


def _mean(values: list[int]) -> float | None:
    return round(fmean(values), 2) if len(values) >= THRESHOLD else None


def aggregate(questions: list[dict], rows: list[tuple[dict, str]]) -> list[dict]:
    """Per-question results from ``rows`` of (answers, sector family).

    Each item: ``question`` (the spec), ``answered`` (Cell), and by kind ``options``
    (list of ``{"label", "value", "count": Cell}``), ``mean`` (float or None, scales),
    ``by_family`` (scales: ``{family: {"answered": Cell, "mean": float|None}}``), ``texts``
    (sorted list, or None when fewer than the threshold wrote one).
    """
    out = []
    for question in questions:
        qid, kind = question["id"], question["kind"]
        given = [(a[qid], fam) for a, fam in rows if a.get(qid) not in (None, "", [])]
        item = {"question": question, "answered": cell(len(given)), "kind": kind}
        if kind == q.SCALE:
            values = [v for v, _f in given if isinstance(v, int)]
            counts = Counter(values)
            item["options"] = [
                {"label": label, "value": int(value), "count": cell(counts.get(int(value), 0))}
                for value, label in q.scale_choices(question)
            ]
            item["mean"] = _mean(values)
            by_family = defaultdict(list)
            for value, family in given:
                if family and isinstance(value, int):
                    by_family[family].append(value)
            item["by_family"] = {
                family: {
                    "label": label,
                    "answered": cell(len(by_family[family])),
                    "mean": _mean(by_family[family]),
                }
                for family, label in Family.choices
            }
        elif kind in q.CHOICE_KINDS:
            counts = Counter()
            for value, _f in given:
                for position in value if isinstance(value, list) else [value]:
                    counts[int(position)] += 1
            item["options"] = [
                {"label": label, "value": int(value), "count": cell(counts.get(int(value), 0))}
                for value, label in q.option_choices(question)
            ]
        else:
            texts = sorted(str(v) for v, _f in given)
            item["texts"] = texts if len(texts) >= THRESHOLD else None
        out.append(item)
    return out


def results(survey: Survey, *, round_id: int | None = None, language: str = "") -> dict:
    """A survey's results, all rounds or one: ``{"responses": Cell, "questions": [...]}``
    (see :func:`aggregate`). Question labels are in ``language`` when translated; ids,
    kinds and tags come from the original. Two queries whatever the number of answers."""
    canonical = survey.canonical
    localized = canonical.localized_for(language) if language else canonical
    labels = {spec["id"]: spec for spec in localized.question_list()}
    questions = [
        {
            **spec,
            **{
                k: labels[spec["id"]][k]
                for k in ("label", "choices", "min_label", "max_label")
                if spec["id"] in labels
            },
        }
        for spec in canonical.question_list()
    ]
    responses = Response.objects.filter(round__survey=canonical)
    if round_id is not None:
        responses = responses.filter(round_id=round_id)
    rows = list(responses.values_list("answers", "sector_family"))
    return {"responses": cell(len(rows)), "questions": aggregate(questions, rows)}


def results_over_time(
    *, question_tag: str, start: datetime, end: datetime, region: str = ""
) -> list[dict]:
    """For the dashboard: each survey round that closed (or has answers) between ``start``
    and ``end``, with the questions tagged ``question_tag`` (e.g. "trust"), oldest first.

    Returns a list of::

        {
            "round_id": int, "survey_id": int, "title": str (original language),
            "date": date (the round's closing day, or today's round still open),
            "question_id": str, "label": str, "scale": (min, max) or None,
            "answered": Cell,            # people who answered this question
            "mean": float | None,        # scales; None under the threshold
            "distribution": [{"value": int, "label": str, "count": Cell}, ...],
            "by_family": {family: {"label", "answered": Cell, "mean": float | None}},
        }

    ``region`` keeps only answers stored with that region (surveys that keep attributes).
    Three queries whatever the number of rounds and answers.
    """
    rounds = list(
        SurveyRound.objects.filter(
            Q(closes_at__gte=start, closes_at__lt=end)
            | Q(opens_at__lt=end, closes_at__gte=end, responses__isnull=False)
        )
        .distinct()
        .select_related("survey")
        .order_by("closes_at", "pk")
    )
    responses = Response.objects.filter(round__in=rounds)
    if region:
        responses = responses.filter(region=region)
    by_round = defaultdict(list)
    for round_id, answers, family in responses.values_list("round_id", "answers", "sector_family"):
        by_round[round_id].append((answers, family))
    out = []
    for round_ in rounds:
        tagged = [
            spec
            for spec in round_.survey.question_list()
            if (spec.get("tag") or "") == question_tag
        ]
        if not tagged:
            continue
        for item in aggregate(tagged, by_round.get(round_.pk, [])):
            spec = item["question"]
            out.append(
                {
                    "round_id": round_.pk,
                    "survey_id": round_.survey_id,
                    "title": round_.survey.title,
                    "date": round_.closes_at.date(),
                    "question_id": spec["id"],
                    "label": spec["label"],
                    "scale": _scale(spec),
                    "answered": item["answered"],
                    "mean": item.get("mean"),
                    "distribution": item.get("options", []),
                    "by_family": item.get("by_family", {}),
                }
            )
    return out
