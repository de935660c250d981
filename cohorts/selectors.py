"""Reads for cohorts that span relations: who sees what, balance, alumni.

Every list of people goes through ``Profile.objects.visible_to(viewer)``.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from cohorts.models import (
    DECISIONS,
    Application,
    ApplicationStatus,
    CohortPage,
    Gender,
    Participant,
    ProgrammePage,
    Scope,
    unreleased_decisions,
)
from cohorts.permissions import can_review_applications, can_see_all_applications
from community.models import Profile
from home import questions
from home.models import Theme
from home.taxonomy import Region, Sector

S = ApplicationStatus


# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
def applications_visible_to(user) -> QuerySet:
    """Programme staff see every application; cohort reviewers the ones assigned to them;
    nobody else sees any (not even editors)."""
    if not can_review_applications(user):
        return Application.objects.none()
    queryset = Application.objects.exclude(status=S.DRAFT)
    if can_see_all_applications(user):
        return queryset
    return queryset.filter(assignments__reviewer=user)


def my_applications(user) -> QuerySet:
    if not user.is_authenticated:
        return Application.objects.none()
    return (
        Application.objects.filter(applicant=user)
        .select_related("cohort", "participant__certificate")
        .order_by("-created_at")
    )


def application_for(cohort: CohortPage, user) -> Application | None:
    if user is None or not user.is_authenticated:
        return None
    return Application.objects.filter(cohort=cohort.canonical, applicant=user).first()


def attach_programmes(cohorts) -> None:
    """Give each cohort its programme (its timezone) in one query instead of one each."""
    steplen = ProgrammePage.steplen
    cohorts = [c for c in cohorts if "programme" not in c.__dict__]
    paths = {c.path[:-steplen] for c in cohorts}
    programmes = {p.path: p for p in ProgrammePage.objects.filter(path__in=paths)}
    for cohort in cohorts:
        cohort.__dict__["programme"] = programmes.get(cohort.path[:-steplen])


def choice_text(question: dict, value) -> str:
    """The option an applicant chose, from its stored position."""
    return questions.option_text(question, value)


def answer_rows(questions_: list[dict], answers: dict, files: dict) -> list[dict]:
    """One row per question: its label, the answer as text, and the file's name if any.

    ``files`` maps question ids to the file's name (or an object the template reads).
    """
    return [
        {
            "question": question,
            "value": questions.display(question, answers.get(question["id"], "")),
            "file": files.get(question["id"]),
        }
        for question in questions_
    ]


def standard_rows(data: dict, *, collects_gender: bool = False) -> list[tuple[str, str]]:
    """The standard fields of a snapshot (``Application.snapshot()``) as (label, text)."""
    theme = ""
    if data.get("theme"):
        names = {str(key): name for key, name in Theme.names().items()}
        theme = names.get(data["theme"]) or data.get("theme_name", "")
    rows = [
        (_("Organisation"), data.get("organisation", "")),
        (_("Role"), data.get("role", "")),
        (_("Country"), countries.name(data["country"]) if data.get("country") else ""),
        (_("Sector"), dict(Sector.choices).get(data.get("sector"), "")),
        (_("Scope of work"), dict(Scope.choices).get(data.get("scope"), "")),
        (_("Theme"), theme),
    ]
    if collects_gender or data.get("gender"):
        rows.append((_("Gender"), dict(Gender.choices).get(data.get("gender"), "")))
    return rows


def submission_versions(application: Application, questions: list[dict]) -> list[dict]:
    """Every submission of ``application``, newest first, readable by reviewers: when it
    was sent, whether it was withdrawn, its standard fields and answers as sent."""
    programme = application.cohort.programme
    collects_gender = bool(programme and programme.collects_gender)
    versions = []
    for submission in application.submissions.order_by("-number"):
        data = submission.data or {}
        files = {qid: stored.get("name", "") for qid, stored in data.get("files", {}).items()}
        versions.append(
            {
                "submission": submission,
                "standard": standard_rows(data, collects_gender=collects_gender),
                "answers": answer_rows(questions, data.get("answers", {}), files),
            }
        )
    return versions


def release_preview(cohort: CohortPage) -> dict:
    """Who a release would email now: how many, by decision and by language (one query).

    Uses the same rows and the same language rule (``Application.email_language``) as
    ``services.decisions_release``.
    """
    rows = (
        unreleased_decisions(cohort.canonical)
        .filter(applicant__isnull=False)
        .values_list("status", "applicant__preferred_language", "language")
    )
    counts = Counter((status, preferred or applied) for status, preferred, applied in rows)
    codes = [code for code, _name in settings.LANGUAGES]
    codes += sorted({language for _status, language in counts} - set(codes))
    languages = [
        {"code": code, "name": _language_name(code)}
        for code in codes
        if any(language == code for _status, language in counts)
    ]
    order = [S.ACCEPTED, S.WAITLISTED, S.DECLINED]
    decisions = []
    for status in order:
        if status not in DECISIONS:
            continue
        cells = [counts.get((status, lang["code"]), 0) for lang in languages]
        if sum(cells):
            decisions.append(
                {"status": status, "label": S(status).label, "cells": cells, "total": sum(cells)}
            )
    by_language = [
        sum(counts.get((status, lang["code"]), 0) for status in order) for lang in languages
    ]
    return {
        "total": sum(counts.values()),
        "languages": languages,
        "decisions": decisions,
        "by_language": [
            {**lang, "count": count} for lang, count in zip(languages, by_language, strict=True)
        ],
    }


def _language_name(code: str) -> str:
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


# ---------------------------------------------------------------------------
# Cohort space
# ---------------------------------------------------------------------------
def cohort_participant_profiles(cohort: CohortPage, viewer) -> QuerySet:
    """Fellow participants as ``viewer`` may see them (hidden profiles stay hidden)."""
    return (
        Profile.objects.visible_to(viewer)
        .filter(
            user__cohort_participations__cohort=cohort.canonical,
            user__cohort_participations__status__in=[
                Participant.Status.ACTIVE,
                Participant.Status.COMPLETED,
            ],
        )
        .select_related("user")
        .distinct()
        .order_by("display_name")
    )


# ---------------------------------------------------------------------------
# Alumni (the directory can use these helpers: see the community app)
# ---------------------------------------------------------------------------
def alumni_cohorts_for(user) -> QuerySet:
    """The cohorts ``user`` completed (alumni of), original-language pages."""
    if user is None or not getattr(user, "pk", None):
        return CohortPage.objects.none()
    return CohortPage.objects.filter(
        participants__user=user, participants__status=Participant.Status.COMPLETED
    ).distinct()


def is_alumni(user) -> bool:
    return alumni_cohorts_for(user).exists()


def alumni_user_ids(user_ids) -> set[int]:
    """Which of ``user_ids`` are alumni: one query, for badges on a page of directory cards."""
    return set(
        Participant.objects.filter(
            user_id__in=list(user_ids), status=Participant.Status.COMPLETED
        ).values_list("user_id", flat=True)
    )


def filter_profiles_by_cohort(
    profiles: QuerySet, *, cohort: CohortPage | None = None, alumni_only: bool = True
) -> QuerySet:
    """Narrow a Profile queryset (already ``visible_to`` the viewer) to a cohort's people.

    ``cohort=None`` keeps all alumni of any cohort. With ``alumni_only=False`` current
    participants count too. Uses EXISTS, so it never duplicates rows.
    """
    statuses = [Participant.Status.COMPLETED]
    if not alumni_only:
        statuses.append(Participant.Status.ACTIVE)
    participations = Participant.objects.filter(user=OuterRef("user"), status__in=statuses)
    if cohort is not None:
        participations = participations.filter(cohort__translation_key=cohort.translation_key)
    return profiles.filter(Exists(participations))


def alumni_profiles(viewer, *, cohort=None, region: str = "", theme=None) -> QuerySet:
    profiles = filter_profiles_by_cohort(Profile.objects.visible_to(viewer), cohort=cohort)
    if region:
        profiles = profiles.filter(region=region)
    if theme is not None:
        profiles = profiles.filter(themes__translation_key=theme.translation_key)
    return profiles.select_related("user").distinct().order_by("display_name")


def alumni_by_cohort(viewer, profiles: QuerySet, cohorts: list[CohortPage]) -> list[tuple]:
    """[(cohort, [profiles])] with two queries whatever the number of alumni."""
    profiles = list(profiles)
    by_user = {p.user_id: p for p in profiles}
    rows = Participant.objects.filter(
        status=Participant.Status.COMPLETED, user_id__in=by_user.keys()
    ).values_list("cohort__translation_key", "user_id")
    grouped = defaultdict(list)
    for key, user_id in rows:
        grouped[key].append(by_user[user_id])
    return [(c, grouped[c.translation_key]) for c in cohorts if grouped.get(c.translation_key)]


# ---------------------------------------------------------------------------
# Balanced selection
# ---------------------------------------------------------------------------
def _group_label(group: str) -> str:
    from cohorts.blocks import _target_choices

    return str(dict(_target_choices()).get(group, group))


def application_groups(application: Application) -> list[str]:
    groups = []
    if application.region:
        groups.append(f"region:{application.region}")
    if application.sector_family:
        groups.append(f"family:{application.sector_family}")
    if application.scope:
        groups.append(f"scope:{application.scope}")
    if application.gender:
        groups.append(f"gender:{application.gender}")
    return groups


def selection_balance(cohort: CohortPage) -> dict:
    """How the shortlisted and accepted set is spread, against the cohort's targets.

    Returns {"accepted", "shortlisted", "places", "dimensions": [{"name", "rows": [...]}]}
    with one row per group: counts of accepted and shortlisted, the target and whether
    it is met. One query.
    """
    cohort = cohort.canonical
    rows = list(
        Application.objects.filter(cohort=cohort, status__in=[S.ACCEPTED, S.SHORTLISTED]).values(
            "status", "region", "sector_family", "scope", "gender"
        )
    )
    counts = {S.ACCEPTED: Counter(), S.SHORTLISTED: Counter()}
    for row in rows:
        app = Application(**row)
        for group in application_groups(app):
            counts[row["status"]][group] += 1
    targets = dict(cohort.target_list())
    dimensions = [
        ("region", _("Region"), [f"region:{value}" for value in Region.values]),
        (
            "family",
            _("Sector family"),
            ["family:government", "family:civil_society", "family:other"],
        ),
        ("scope", _("National or local"), ["scope:national", "scope:local", "scope:international"]),
    ]
    programme = cohort.programme
    if programme is not None and programme.collects_gender:
        dimensions.append(
            ("gender", _("Gender"), ["gender:woman", "gender:man", "gender:non_binary"])
        )
    result = []
    for key, name, groups in dimensions:
        dim_rows = []
        for group in groups:
            accepted = counts[S.ACCEPTED][group]
            shortlisted = counts[S.SHORTLISTED][group]
            target = targets.get(group)
            dim_rows.append(
                {
                    "group": group,
                    "label": _group_label(group).split(": ", 1)[-1],
                    "accepted": accepted,
                    "shortlisted": shortlisted,
                    "total": accepted + shortlisted,
                    "target": target,
                    "met": target is None or accepted + shortlisted >= target,
                }
            )
        result.append({"key": key, "name": name, "rows": dim_rows})
    accepted = sum(1 for r in rows if r["status"] == S.ACCEPTED)
    return {
        "accepted": accepted,
        "shortlisted": len(rows) - accepted,
        "places": cohort.places,
        "over": accepted > cohort.places,
        "dimensions": result,
    }


def shared_cohort(a, b) -> bool:
    """Were members ``a`` and ``b`` participants (current or alumni) of the same cohort?

    Used by the awards app to flag likely conflicts of interest.
    """
    if a is None or b is None or not getattr(a, "pk", None) or not getattr(b, "pk", None):
        return False
    statuses = [Participant.Status.ACTIVE, Participant.Status.COMPLETED]
    cohorts_of_a = Participant.objects.filter(user=a, status__in=statuses).values("cohort")
    return Participant.objects.filter(user=b, status__in=statuses, cohort__in=cohorts_of_a).exists()


def cohort_mates(user):
    """Participants (current or alumni) of the cohorts ``user`` took part in, as
    ``values("user")``: the cohorts' circle for ``home.circles``."""
    statuses = [Participant.Status.ACTIVE, Participant.Status.COMPLETED]
    cohorts = Participant.objects.filter(user=user, status__in=statuses).values("cohort")
    return Participant.objects.filter(status__in=statuses, cohort__in=cohorts).values("user")


def cohort_managers():
    """Active accounts that manage cohorts (programme staff), to tell them of changes."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    holds = Q(
        groups__permissions__codename="manage_cohort",
        groups__permissions__content_type__app_label="cohorts",
    ) | Q(
        user_permissions__codename="manage_cohort",
        user_permissions__content_type__app_label="cohorts",
    )
    return get_user_model().objects.filter(holds | Q(is_superuser=True), is_active=True).distinct()


ME_LIMIT = 5


def me_applications(user) -> dict:
    """The member's space: their latest applications with the status they may see
    (never a decision before it is released), in the reader's language; two queries."""
    from wagtail.models import Locale

    applications = list(my_applications(user)[:ME_LIMIT])
    keys = [a.cohort.translation_key for a in applications]
    localized = (
        {
            p.translation_key: p
            for p in CohortPage.objects.filter(
                translation_key__in=keys, locale=Locale.get_active(), live=True
            )
        }
        if keys
        else {}
    )
    rows = [
        {"application": a, "cohort": localized.get(a.cohort.translation_key, a.cohort)}
        for a in applications
    ]
    return {"applications": rows}


def theme_open_cohorts(theme_key: str, *, scope, now=None):
    """Theme pages (home.themes): cohorts on ``theme`` taking applications now,
    closing soonest first. A cohort has one theme (``CohortPage.theme``)."""
    from django.utils import timezone

    from home.selectors import card_rows

    now = now or timezone.now()
    cohorts = (
        CohortPage.objects.filter(scope)
        .filter(
            theme__translation_key=theme_key,
            applications_open__lte=now,
            applications_close__gt=now,
        )
        .order_by("applications_close")
    )
    return card_rows(cohorts)


# ---------------------------------------------------------------------------
# Rubric review (issue 17)
# ---------------------------------------------------------------------------
QUEUE_STATES = ("to_review", "reviewed")


def review_queue(user, cohort, *, state: str = "", region: str = "", sector: str = ""):
    """The reviewer's assignments in ``cohort``, the unscored ones first (oldest submission
    first), with their application and whether reviewed: one query, at any size."""
    from cohorts.models import Review, ReviewAssignment

    queryset = (
        ReviewAssignment.objects.filter(reviewer=user, application__cohort=cohort.canonical)
        .exclude(application__status__in=[S.DRAFT, S.WITHDRAWN])
        .select_related("application")
        .annotate(reviewed=Exists(Review.objects.filter(assignment=OuterRef("pk"))))
    )
    if state == "to_review":
        queryset = queryset.filter(reviewed=False)
    elif state == "reviewed":
        queryset = queryset.filter(reviewed=True)
    if region:
        queryset = queryset.filter(application__region=region)
    if sector:
        queryset = queryset.filter(application__sector=sector)
    return queryset.order_by("reviewed", "application__submitted_at", "application__pk")


def queue_progress(user, cohort) -> dict:
    """``{"done", "total"}`` for the reviewer in ``cohort``: one query."""
    from django.db.models import Count, Q

    from cohorts.models import ReviewAssignment

    return (
        ReviewAssignment.objects.filter(reviewer=user, application__cohort=cohort.canonical)
        .exclude(application__status__in=[S.DRAFT, S.WITHDRAWN])
        .aggregate(total=Count("pk"), done=Count("pk", filter=Q(review__isnull=False)))
    )


def next_to_review(user, cohort, *, after=None):
    """The next unscored assignment in the reviewer's queue (``after``: skip this one)."""
    queryset = review_queue(user, cohort, state="to_review")
    if after is not None:
        queryset = queryset.exclude(pk=after)
    return queryset.first()


def review_summaries(application_ids, cohort) -> dict:
    """Per application: its reviews (reviewer, total, comment, per-criterion scores), the
    number assigned, the weighted mean, the spread and whether reviewers disagree (spread
    above the cohort's threshold). Three queries for any number of applications."""
    from decimal import Decimal

    from django.db.models import Count

    from cohorts.models import Review, ReviewAssignment, ReviewScore
    from home.scoring import aggregate

    ids = list(application_ids)
    cohort = cohort.canonical
    criteria = cohort.criteria_list()
    weights = {c["id"]: Decimal(str(c["weight"] or 1)) for c in criteria}
    assigned = dict(
        ReviewAssignment.objects.filter(application__in=ids)
        .values_list("application")
        .annotate(n=Count("pk"))
        .values_list("application", "n")
    )
    reviews = defaultdict(list)
    for review in Review.objects.filter(application__in=ids).select_related("reviewer"):
        review.marks = {}
        reviews[review.application_id].append(review)
    by_pk = {r.pk: r for rs in reviews.values() for r in rs}
    scores = defaultdict(list)
    for review_id, criterion, value in ReviewScore.objects.filter(
        review__application__in=ids
    ).values_list("review", "criterion", "value"):
        review = by_pk[review_id]
        review.marks[criterion] = value
        scores[review.application_id].append((review.reviewer_id, criterion, value))
    out = {}
    for app_id in ids:
        result = aggregate(weights, scores.get(app_id, []))
        out[app_id] = {
            "reviews": reviews.get(app_id, []),
            "assigned": assigned.get(app_id, 0),
            "count": result.count,
            "mean": result.mean,
            "spread": result.spread,
            "per_criterion": result.per_criterion,
            "disagreement": bool(
                result.count > 1
                and result.spread is not None
                and result.spread > cohort.disagreement_threshold
            ),
        }
    return out


def reviewer_pool():
    """Everyone who may review cohort applications (by group or own permission), by name."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    perms = Permission.objects.filter(
        content_type__app_label="cohorts", codename="review_application"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=perms) | Q(user_permissions__in=perms))
        .distinct()
        .order_by("name", "pk")
    )


def reviewers_due(now, until):
    """Reminders (``home.reminders``): each reviewer with unscored assignments in a cohort
    whose review deadline is in ``(now, until]``; three queries at any size."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from cohorts.models import CohortPage, ReviewAssignment
    from home.reminders import Due

    cohorts = {
        c.pk: c
        for c in CohortPage.objects.filter(review_deadline__gt=now, review_deadline__lte=until)
    }
    if not cohorts:
        return []
    rows = list(
        ReviewAssignment.objects.filter(application__cohort__in=list(cohorts), review__isnull=True)
        .exclude(application__status__in=[S.DRAFT, S.WITHDRAWN])
        .values_list("application__cohort", "reviewer")
        .annotate(n=Count("pk"))
        .values_list("application__cohort", "reviewer", "n")
    )
    people = get_user_model().objects.in_bulk({r for _c, r, _n in rows})
    out = []
    for cohort_id, reviewer_id, count in rows:
        cohort, person = cohorts[cohort_id], people.get(reviewer_id)
        if person is None or not person.is_active:
            continue
        out.append(
            Due(
                recipient=person,
                target=f"cohorts.review_queue:{cohort_id}",
                deadline=cohort.review_deadline,
                context={"cohort_title": cohort.title, "count": count},
                link=("cohorts_admin_queue", cohort_id),
                time_zone=str(cohort.tz),
            )
        )
    return out
