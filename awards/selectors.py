"""Reads that span relations. Who may do what is in ``awards.permissions``."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone, translation

from awards import scoring
from awards.models import (
    AwardCategory,
    AwardProgrammePage,
    ConflictOfInterest,
    JurorAssignment,
    JurorRole,
    Nomination,
    Phase,
    Score,
)

# --------------------------------------------------------------------------------------
# Jurors
# --------------------------------------------------------------------------------------


def assigned_nominations(role: JurorRole):
    """Submitted nominations a juror is assigned to, conflicted or not."""
    assignments = JurorAssignment.objects.filter(juror=role)
    return (
        Nomination.objects.filter(
            programme_id=role.programme_id, status=Nomination.Status.SUBMITTED
        )
        .filter(
            Q(category_id__in=assignments.filter(category__isnull=False).values("category_id"))
            | Q(pk__in=assignments.filter(nomination__isnull=False).values("nomination_id"))
        )
        .select_related("category")
        .order_by("category__sort_order", "nominee_name", "pk")
    )


def juror_dashboard(user) -> list[dict]:
    """Per programme: the juror's nominations, their conflicts, and scoring progress."""
    roles = list(
        JurorRole.objects.filter(user=user).select_related("programme").order_by("-programme__pk")
    )
    out = []
    for role in roles:
        programme = role.programme
        nominations = list(assigned_nominations(role))
        ids = [n.pk for n in nominations]
        conflicts = defaultdict(list)
        for conflict in ConflictOfInterest.objects.filter(juror=user, nomination_id__in=ids):
            conflicts[conflict.nomination_id].append(conflict)
        scored = defaultdict(int)
        for nomination_id in Score.objects.filter(juror=user, nomination_id__in=ids).values_list(
            "nomination_id", flat=True
        ):
            scored[nomination_id] += 1
        criteria = programme.localized_criteria()
        rows = []
        done = 0
        for nomination in nominations:
            needed = sum(1 for c in criteria if c.applies_to(nomination.category))
            blocked = any(c.status in ConflictOfInterest.BLOCKING for c in conflicts[nomination.pk])
            complete = not blocked and needed and scored[nomination.pk] >= needed
            done += 1 if (complete or blocked) else 0
            rows.append(
                {
                    "nomination": nomination,
                    "conflicts": conflicts[nomination.pk],
                    "blocked": blocked,
                    "scored": scored[nomination.pk],
                    "needed": needed,
                    "complete": complete,
                }
            )
        out.append(
            {
                "role": role,
                "programme": localized(programme),
                "rows": rows,
                "done": done,
                "total": len(rows),
                "scoring_open": programme.scoring_open(),
                "scoring_not_yet": timezone.now() < programme.nominations_close,
            }
        )
    return out


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


def _excluded_pairs(nomination_ids) -> set[tuple[int, int]]:
    return set(
        ConflictOfInterest.objects.filter(
            nomination_id__in=nomination_ids, status__in=ConflictOfInterest.BLOCKING
        ).values_list("juror_id", "nomination_id")
    )


def category_results(programme: AwardProgrammePage) -> list[dict]:
    """Per category: nominations ranked by weighted mean, with spread, count and flags.

    A fixed number of queries whatever the number of nominations or scores.
    """
    programme = programme.canonical
    categories = programme.localized_categories()
    criteria = programme.localized_criteria()
    nominations = list(
        Nomination.objects.filter(programme=programme, status=Nomination.Status.SUBMITTED)
        .select_related("category")
        .annotate(
            has_duplicates=Exists(
                Nomination.objects.filter(
                    category_id=OuterRef("category_id"),
                    match_key=OuterRef("match_key"),
                    status=Nomination.Status.SUBMITTED,
                ).exclude(pk=OuterRef("pk"))
            )
        )
    )
    ids = [n.pk for n in nominations]
    excluded = _excluded_pairs(ids)
    scores = defaultdict(list)
    excluded_counts = defaultdict(int)
    for juror_id, nomination_id, criterion_id, value in Score.objects.filter(
        nomination_id__in=ids
    ).values_list("juror_id", "nomination_id", "criterion_id", "value"):
        if (juror_id, nomination_id) in excluded:
            excluded_counts[nomination_id] += 1
            continue
        scores[nomination_id].append((juror_id, criterion_id, value))
    by_category = defaultdict(list)
    for nomination in nominations:
        weights = {c.pk: c.weight for c in criteria if c.applies_to(nomination.category)}
        result = scoring.aggregate(weights, scores[nomination.pk])
        nomination.result = result
        nomination.too_few = result.count < programme.min_scores
        nomination.excluded_scores = excluded_counts[nomination.pk]
        by_category[nomination.category_id].append(nomination)
    out = []
    for category in categories:
        ranked = scoring.rank(by_category[category.pk], key=lambda n: n.result.mean)
        out.append({"category": category, "ranked": ranked})
    return out


def published_results(programme: AwardProgrammePage, language: str | None = None) -> list[dict]:
    """The open-data rows of an edition: winners, honourable mentions, shortlist. No contact data."""
    page = programme
    canonical = programme.canonical
    if not canonical.results_published():
        return []
    language = language or translation.get_language() or "en"
    category_labels, _ = page.label_maps()
    rows = []
    nominations = (
        Nomination.objects.filter(programme=canonical, status=Nomination.Status.SUBMITTED)
        .filter(Q(shortlisted=True) | ~Q(award=""))
        .select_related("category", "story_page")
        .order_by("category__sort_order", "award", "nominee_name")
    )
    order = {Nomination.Award.WINNER: 0, Nomination.Award.HONOURABLE_MENTION: 1, "": 2}
    for n in sorted(
        nominations, key=lambda n: (n.category.sort_order, order[n.award], n.nominee_name)
    ):
        rows.append(
            {
                "edition": page.title,
                "category": category_labels.get(n.category_id, n.category).name,
                "result": n.award or "shortlisted",
                "nominee": n.nominee_name,
                "kind": n.kind,
                "organisation": n.organisation,
                "country": n.country.code if n.country else "",
                "sector": n.sector,
                "citation": n.citation_in(language) if n.award else "",
                "story_url": story_url(n, language),
            }
        )
    return rows


def story_url(nomination: Nomination, language: str) -> str:
    if nomination.story_page_id:
        from wagtail.models import Locale

        page = nomination.story_page
        locale = Locale.objects.filter(language_code=language).first()
        translated = page.get_translation_or_none(locale) if locale else None
        target = translated if translated and translated.live else page
        return target.get_url() or ""
    return nomination.story_url


# --------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------


def localized(programme: AwardProgrammePage) -> AwardProgrammePage:
    """The programme's page in the active language, else the page itself; it shares
    ``programme``'s canonical page once that has been read (no second look-up)."""
    try:
        page = programme.localized.specific
    except Exception:  # noqa: BLE001 — a page without translations
        return programme
    if "canonical" in programme.__dict__ and page.translation_key == programme.translation_key:
        page.__dict__.setdefault("canonical", programme.canonical)
    return page


def localize_category_themes(categories) -> None:
    """Each category's ``theme_localized``: its theme in the active language (else the
    theme itself), one query for all of them and none when they are all in it already."""
    from wagtail.models import Locale

    from home.models import Theme

    locale = Locale.get_active()
    keys = {
        c.theme.translation_key for c in categories if c.theme and c.theme.locale_id != locale.pk
    }
    themes = (
        {
            t.translation_key: t
            for t in Theme.objects.filter(translation_key__in=keys, locale=locale)
        }
        if keys
        else {}
    )
    for category in categories:
        theme = category.theme
        category.theme_localized = themes.get(theme.translation_key, theme) if theme else None


def split_current(programmes: list) -> tuple[list, list]:
    now = timezone.now()
    current, past = [], []
    for page in programmes:
        (past if page.phase(now) == Phase.ANNOUNCED else current).append(page)
    current.sort(key=lambda p: p.canonical.nominations_close)
    past.sort(key=lambda p: p.canonical.announcement_at, reverse=True)
    return current, past


def with_canonicals(programmes) -> list:
    """``programmes`` with each one's canonical page and that page's judging round
    loaded up front: two queries for a list of editions, not two per card."""
    from awards.models.results import ProgrammeRound

    programmes = list(programmes)
    if not programmes:
        return programmes
    firsts = {}
    for page in AwardProgrammePage.objects.filter(
        translation_key__in={p.translation_key for p in programmes}
    ).order_by("pk"):
        firsts.setdefault(page.translation_key, page)
    by_pk = {p.pk: p for p in programmes}
    canonicals = {}
    for programme in programmes:
        first = firsts.get(programme.translation_key, programme)
        canonical = by_pk.get(first.pk, first)
        programme.__dict__["canonical"] = canonical
        canonicals[canonical.pk] = canonical
    rounds = {r.programme_id: r for r in ProgrammeRound.objects.filter(programme_id__in=canonicals)}
    for pk, canonical in canonicals.items():
        canonical.__dict__["_round_cache"] = rounds.get(pk) or ProgrammeRound(programme=canonical)
    return programmes


def winners_archive(programmes: list) -> list[dict]:
    """Winners and honourable mentions of every published edition, newest first."""
    language = translation.get_language() or "en"
    published = [p for p in programmes if p.results_published()]
    published.sort(key=lambda p: p.canonical.announcement_at, reverse=True)
    canonical_ids = {p.canonical.pk: p for p in published}
    winners = defaultdict(list)
    for n in (
        Nomination.objects.filter(
            programme_id__in=canonical_ids, status=Nomination.Status.SUBMITTED
        )
        .exclude(award="")
        .select_related("category")
        .order_by("award", "nominee_name")
    ):
        winners[n.programme_id].append(n)
    # Every edition's category labels in this language, from one query for all editions
    # (the page's own categories and its canonical page's), not a label map per edition.
    pages_by_pk = {page.pk: page for page in canonical_ids.values()}
    rows = list(
        AwardCategory.objects.filter(page_id__in={*canonical_ids, *pages_by_pk}).order_by(
            "sort_order", "pk"
        )
    )
    own = {(c.page_id, c.translation_key): c for c in rows if c.page_id in pages_by_pk}
    out = []
    for canonical_id, page in canonical_ids.items():
        labels = {
            c.pk: own.get((page.pk, c.translation_key), c)
            for c in rows
            if c.page_id == canonical_id
        }
        entries = [
            {
                "nomination": n,
                "category": labels.get(n.category_id, n.category),
                "citation": n.citation_in(language),
            }
            for n in winners[canonical_id]
        ]
        out.append({"programme": page, "winners": entries})
    return out


def programme_page_context(page: AwardProgrammePage, user) -> dict:
    now = timezone.now()
    canonical = page.canonical
    language = translation.get_language() or "en"
    phase = page.phase(now)
    categories = page.localized_categories()
    criteria = page.localized_criteria()
    context = {
        "phase": phase,
        "phases": Phase,
        "categories": categories,
        "criteria": criteria,
        "criteria_by_category": [
            (c, [cr for cr in criteria if cr.applies_to(c)]) for c in categories
        ],
        "accepting": page.accepting_nominations(now),
        "timeline": [
            ("nominations_open", canonical.nominations_open, phase == Phase.UPCOMING),
            ("nominations_close", canonical.nominations_close, phase == Phase.NOMINATIONS),
            ("judging_close", canonical.judging_close, phase == Phase.JUDGING),
            (
                "announcement_at",
                canonical.announcement_at,
                phase in (Phase.DELIBERATION, Phase.ANNOUNCED),
            ),
        ],
        "programme_tz": page.tz,
    }
    if user.is_authenticated:
        context["is_juror"] = JurorRole.objects.filter(user=user, programme=canonical).exists()
        context["my_nominations"] = list(
            Nomination.objects.filter(programme=canonical, nominator=user)
            .exclude(status=Nomination.Status.MERGED)
            .select_related("category")
        )
    if phase == Phase.ANNOUNCED:
        labels, _ = page.label_maps()
        results = (
            Nomination.objects.filter(programme=canonical, status=Nomination.Status.SUBMITTED)
            .filter(Q(shortlisted=True) | ~Q(award=""))
            .select_related("category", "story_page")
            .order_by("nominee_name")
        )
        per_category = {
            c.pk: {"winners": [], "mentions": [], "shortlist": []}
            for c in page.canonical_categories()
        }
        for n in results:
            entry = {
                "nomination": n,
                "citation": n.citation_in(language),
                "story_url": story_url(n, language) if (n.story_page_id or n.story_url) else "",
            }
            bucket = per_category.setdefault(
                n.category_id, {"winners": [], "mentions": [], "shortlist": []}
            )
            if n.award == Nomination.Award.WINNER:
                bucket["winners"].append(entry)
            elif n.award == Nomination.Award.HONOURABLE_MENTION:
                bucket["mentions"].append(entry)
            if n.shortlisted or n.award:
                bucket["shortlist"].append(entry)
        context["results"] = [
            {"category": labels.get(cid, None), **bucket}
            for cid, bucket in per_category.items()
            if labels.get(cid) is not None
        ]
        context["jury"] = list(
            JurorRole.objects.filter(programme=canonical, publish_name=True)
            .select_related("user")
            .order_by("public_name", "user__name")
        )
    return context


# --------------------------------------------------------------------------------------
# A member's own data
# --------------------------------------------------------------------------------------


def member_nominations(user):
    return (
        Nomination.objects.filter(Q(nominator=user) | Q(credits__nominator=user))
        .exclude(status=Nomination.Status.MERGED)
        .select_related("category", "programme")
        .prefetch_related(Prefetch("attachments"))
        .distinct()
        .order_by("-created_at")
    )


ME_LIMIT = 5


def me_nominations(user) -> dict:
    """The member's space: the nominations they made (or co-signed) and their status."""
    made = list(
        Nomination.objects.filter(Q(nominator=user) | Q(credits__nominator=user))
        .exclude(status=Nomination.Status.MERGED)
        .select_related("category", "programme")
        .distinct()
        .order_by("-created_at")[:ME_LIMIT]
    )
    return {"nominations": made}


def theme_open_calls(theme_key: str, *, scope, now=None):
    """Theme pages (home.themes): award programmes taking nominations now in a category
    on ``theme`` (the theme sits on the category), closing soonest first."""
    from home.selectors import card_rows

    now = now or timezone.now()
    # Any language's copy with such a category and open dates answers for the edition.
    open_editions = AwardProgrammePage.objects.filter(
        categories__theme__translation_key=theme_key,
        nominations_open__lte=now,
        nominations_close__gt=now,
    ).values("translation_key")
    calls = (
        AwardProgrammePage.objects.filter(scope)
        .filter(translation_key__in=open_editions)
        .order_by("nominations_close")
    )
    return card_rows(calls)
