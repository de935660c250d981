"""Reads that span relations. Who may do what is in ``awards.permissions``."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone, translation

from awards import scoring
from awards.models import (
    AwardCategory,
    AwardProgrammePage,
    ConflictOfInterest,
    JudgingRound,
    JurorAssignment,
    JurorRole,
    Nomination,
    Phase,
    RoundNomination,
    Score,
)

# --------------------------------------------------------------------------------------
# Jurors
# --------------------------------------------------------------------------------------


def assigned_nominations(role: JurorRole, judging_round=None):
    """Submitted nominations a juror is assigned to (in ``judging_round``, else in any
    round), conflicted or not; only those the round judges."""
    assignments = JurorAssignment.objects.filter(juror=role)
    rounds = (
        [judging_round]
        if judging_round is not None
        else list(JudgingRound.objects.filter(assignments__juror=role).distinct())
    )
    held = Q(pk__in=[])
    for r in rounds:
        mine = assignments.filter(round=r)
        held |= r.holds_q() & (
            Q(category_id__in=mine.filter(category__isnull=False).values("category_id"))
            | Q(pk__in=mine.filter(nomination__isnull=False).values("nomination_id"))
        )
    return (
        Nomination.objects.filter(
            programme_id=role.programme_id, status=Nomination.Status.SUBMITTED
        )
        .filter(held)
        .select_related("category")
        .distinct()
        .order_by("category__sort_order", "nominee_name", "pk")
    )


def _round_progress(role: JurorRole, judging_round, criteria, now) -> dict:
    """One juror's progress in one round: rows (next unscored first), done and total.

    Five queries whatever the number of nominations."""
    now = now or timezone.now()
    user = role.user
    nominations = list(assigned_nominations(role, judging_round))
    ids = [n.pk for n in nominations]
    conflicts = defaultdict(list)
    for conflict in ConflictOfInterest.objects.filter(juror_id=user.pk, nomination_id__in=ids):
        conflicts[conflict.nomination_id].append(conflict)
    scored = defaultdict(set)
    for nomination_id, criterion_id in Score.objects.filter(
        juror_id=user.pk, round=judging_round, nomination_id__in=ids
    ).values_list("nomination_id", "criterion_id"):
        scored[nomination_id].add(criterion_id)
    rows = []
    done = 0
    for nomination in nominations:
        needed = {c.pk for c in judging_round.criteria_for(nomination.category, criteria)}
        got = len(scored[nomination.pk] & needed)
        blocked = any(c.status in ConflictOfInterest.BLOCKING for c in conflicts[nomination.pk])
        complete = not blocked and bool(needed) and got >= len(needed)
        done += 1 if (complete or blocked) else 0
        rows.append(
            {
                "nomination": nomination,
                "conflicts": conflicts[nomination.pk],
                "blocked": blocked,
                "scored": got,
                "needed": len(needed),
                "complete": complete,
            }
        )
    # The next unscored nominations first, then the finished ones (conflicted last).
    rows.sort(key=lambda r: (r["complete"] or r["blocked"], r["blocked"]))
    return {
        "round": judging_round,
        "rows": rows,
        "done": done,
        "total": len(rows),
        "next": next((r for r in rows if not (r["complete"] or r["blocked"])), None),
        "scoring_open": judging_round.scoring_open(now),
        "scoring_not_yet": not judging_round.scoring_open(now)
        and judging_round.shortlist_closed_at is None
        and now < judging_round.deadline(),
        "deadline": judging_round.deadline(),
    }


def _criteria_with_rounds(programme):
    return programme.canonical.localized_criteria()


def juror_dashboard(user, now=None) -> list[dict]:
    """Per programme and per round the juror serves in: their nominations, their
    conflicts, and "18 of 30 scored", the next unscored nomination first."""
    now = now or timezone.now()
    roles = list(
        JurorRole.objects.filter(user=user)
        .select_related("programme", "user")
        .order_by("-programme__pk")
    )
    rounds_by_programme = defaultdict(list)
    for judging_round in (
        JudgingRound.objects.filter(assignments__juror__in=roles)
        .select_related("programme")
        .prefetch_related("criteria")
        .distinct()
        .order_by("position")
    ):
        rounds_by_programme[judging_round.programme_id].append(judging_round)
    out = []
    for role in roles:
        programme = role.programme
        criteria = _criteria_with_rounds(programme)
        blocks = []
        for judging_round in rounds_by_programme[programme.pk]:
            judging_round.programme = programme
            blocks.append(_round_progress(role, judging_round, criteria, now))
        out.append(
            {
                "role": role,
                "programme": localized(programme),
                "rounds": blocks,
                "rows": [row for block in blocks for row in block["rows"]],
                "done": sum(b["done"] for b in blocks),
                "total": sum(b["total"] for b in blocks),
                "scoring_open": any(b["scoring_open"] for b in blocks),
                "scoring_not_yet": now < programme.nominations_close,
            }
        )
    return out


def jury_progress(judging_round, now=None) -> list[dict]:
    """Staff: every juror of a round with their progress, a bounded number of queries
    (four) whatever the number of jurors and nominations."""
    now = now or timezone.now()
    programme = judging_round.programme.canonical
    criteria = programme.localized_criteria()
    chosen = judging_round.chosen_criteria_ids
    assignments = list(
        JurorAssignment.objects.filter(round=judging_round).select_related("juror__user")
    )
    if not assignments:
        return []
    nominations = {
        n.pk: n
        for n in judging_round.nominations()
        .select_related("category")
        .only("pk", "category_id", "category__translation_key", "programme_id")
    }
    by_category = defaultdict(list)
    for n in nominations.values():
        by_category[n.category_id].append(n.pk)
    needed = {}
    for n in nominations.values():
        needed[n.pk] = {
            c.pk for c in criteria if (not chosen or c.pk in chosen) and c.applies_to(n.category)
        }
    roles, targets = {}, defaultdict(set)
    for a in assignments:
        roles[a.juror_id] = a.juror
        if a.category_id:
            targets[a.juror_id].update(by_category.get(a.category_id, ()))
        elif a.nomination_id in nominations:
            targets[a.juror_id].add(a.nomination_id)
    user_ids = {role.user_id for role in roles.values()}
    blocked = set(
        ConflictOfInterest.objects.filter(
            juror_id__in=user_ids,
            nomination_id__in=nominations,
            status__in=ConflictOfInterest.BLOCKING,
        ).values_list("juror_id", "nomination_id")
    )
    scored = defaultdict(set)
    for juror_id, nomination_id, criterion_id in Score.objects.filter(
        round=judging_round, juror_id__in=user_ids
    ).values_list("juror_id", "nomination_id", "criterion_id"):
        scored[(juror_id, nomination_id)].add(criterion_id)
    out = []
    for role_id, role in roles.items():
        total = done = conflicted = 0
        for nomination_id in targets[role_id]:
            total += 1
            if (role.user_id, nomination_id) in blocked:
                conflicted += 1
                continue
            need = needed[nomination_id]
            if need and need <= scored[(role.user_id, nomination_id)]:
                done += 1
        out.append(
            {
                "role": role,
                "name": role.user.get_full_name() or role.user.email,
                "email": role.user.email,
                "total": total,
                "scored": done,
                "conflicted": conflicted,
                "left": total - done - conflicted,
            }
        )
    out.sort(key=lambda r: (-r["left"], r["name"]))
    return out


def programme_rounds(programme) -> list:
    """The rounds of a canonical programme, in order (none yet: an empty list)."""
    rounds = list(
        JudgingRound.objects.filter(programme=programme.canonical)
        .prefetch_related("criteria")
        .order_by("position")
    )
    for i, r in enumerate(rounds):
        r.programme = programme.canonical
        r.__dict__["previous"] = rounds[i - 1] if i else None
        r.__dict__["next"] = rounds[i + 1] if i + 1 < len(rounds) else None
    return rounds


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


def _excluded_pairs(nomination_ids) -> set[tuple[int, int]]:
    return set(
        ConflictOfInterest.objects.filter(
            nomination_id__in=nomination_ids, status__in=ConflictOfInterest.BLOCKING
        ).values_list("juror_id", "nomination_id")
    )


def category_results(programme: AwardProgrammePage, judging_round=None) -> list[dict]:
    """Per category: a round's nominations ranked by weighted mean (its own criteria, its
    own jurors' scores), with spread, count, flags and the round's shortlist.

    ``judging_round`` None: the edition's first round (a single-round edition's only one).
    A fixed number of queries whatever the number of nominations or scores.
    """
    programme = programme.canonical
    if judging_round is None:
        rounds = programme_rounds(programme)
        judging_round = rounds[0] if rounds else None
    categories = programme.localized_categories()
    criteria = programme.localized_criteria()
    queryset = Nomination.objects.filter(programme=programme, status=Nomination.Status.SUBMITTED)
    if judging_round is not None and not judging_round.is_first:
        queryset = queryset.filter(round_entries__round=judging_round)
    nominations = list(
        queryset.select_related("category").annotate(
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
    score_rows = Score.objects.filter(nomination_id__in=ids)
    if judging_round is not None:
        score_rows = score_rows.filter(round=judging_round)
    for juror_id, nomination_id, criterion_id, value in score_rows.values_list(
        "juror_id", "nomination_id", "criterion_id", "value"
    ):
        if (juror_id, nomination_id) in excluded:
            excluded_counts[nomination_id] += 1
            continue
        scores[nomination_id].append((juror_id, criterion_id, value))
    round_shortlist = set()
    final = judging_round is None or judging_round.is_final
    if not final:
        round_shortlist = set(
            RoundNomination.objects.filter(
                round=judging_round, shortlisted=True, nomination_id__in=ids
            ).values_list("nomination_id", flat=True)
        )
    by_category = defaultdict(list)
    for nomination in nominations:
        if judging_round is not None:
            applicable = judging_round.criteria_for(nomination.category, criteria)
        else:
            applicable = [c for c in criteria if c.applies_to(nomination.category)]
        weights = {c.pk: c.weight for c in applicable}
        result = scoring.aggregate(weights, scores[nomination.pk])
        nomination.result = result
        nomination.too_few = result.count < programme.min_scores
        nomination.excluded_scores = excluded_counts[nomination.pk]
        nomination.on_shortlist = (
            nomination.shortlisted or bool(nomination.award)
            if final
            else nomination.pk in round_shortlist
        )
        by_category[nomination.category_id].append(nomination)
    out = []
    for category in categories:
        ranked = scoring.rank(by_category[category.pk], key=lambda n: n.result.mean)
        out.append({"category": category, "ranked": ranked})
    return out


def story_links(nominations, language: str) -> dict:
    """Nomination id → its story's address: the story page in ``language`` when that
    translation is live, else the story itself while it is live, else the address staff
    gave. One query for every translation (the stories come with the nominations:
    ``select_related("story_page")``)."""
    from wagtail.models import Page

    pages = {n.pk: n.story_page for n in nominations if n.story_page_id}
    translated = {
        p.translation_key: p
        for p in Page.objects.filter(
            translation_key__in={p.translation_key for p in pages.values()},
            locale__language_code=language,
            live=True,
        )
    }
    out = {}
    for nomination in nominations:
        page = pages.get(nomination.pk)
        target = translated.get(page.translation_key, page) if page else None
        url = (target.get_url() or "") if target is not None and target.live else ""
        if url or nomination.story_url:
            out[nomination.pk] = url or nomination.story_url
    return out


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
        results = list(results)
        stories = story_links(results, language)
        for n in results:
            entry = {
                "nomination": n,
                "citation": n.citation_in(language),
                "story_url": stories.get(n.pk, ""),
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
