"""The figures of one day's snapshot, computed with a fixed number of aggregate queries.

:func:`compute` returns a JSON-ready dict (``SCHEMA`` version 1) of raw counts as they stood
at the end of ``day`` (UTC), or at ``now`` when the day is today. Each figure is one GROUP
BY query (about twenty in all), whatever the size of the network: nothing loops over people
in Python; Python only folds a bounded set of groups (sectors into families, countries into
regions, cohorts into programmes).

Privacy: hidden members (``Visibility.HIDDEN``) are counted in the ``total`` figures only;
every breakdown (by sector family, region, country, programme, cohort, the family pairs of
connections, a group's families) leaves them out.

What history can and cannot tell (``backfill_network`` runs this for past days):

- members: ``date_joined``; a member who deactivated their account since is left out of
  past days too (only snapshots taken on the day keep them);
- sector, country and profile visibility are today's values for every past day;
- "active" (signed in, posted, registered for an event, made a connection) uses each
  member's *last* sign-in (``last_login``): for a past day it only sees members whose last
  sign-in fell in that window. Posts, registrations and connections have their own dates;
- connections: ``created_at`` of connections that still exist (a removed one is gone);
- coalitions: memberships that are active today, by ``joined_at``; group conversations by
  ``joined_at``/``left_at``;
- alumni: ``completed_at``; mentoring: accepted mentoring exchanges by ``answered_at`` and
  ``ends_at``;
- the cohort funnel: "applied" by ``submitted_at``; shortlisted and accepted are the
  application's status *today* for applications submitted by then (no status history is
  kept); completion by ``completed_at``;
- events: registrations by ``created_at`` and ``cancelled_at``, attendance by
  ``attended_at``, events held by their end;
- awards: nominations by ``submitted_at`` (withdrawn or merged ones today are left out);
- stories: proposed by the date of their first revision, published by
  ``first_published_at`` (for stories live today).

Only going forward can snapshots know what changed and left no date: status changes, left
memberships, deleted connections, sign-ins before the last one.
"""

import datetime
from collections import defaultdict

from django.db.models import Case as SQLCase
from django.db.models import CharField, Count, Min, OuterRef, Q, Subquery, Value, When

from home.taxonomy import (
    CIVIL_SOCIETY_SECTORS,
    COUNTRY_REGION,
    GOVERNMENT_SECTORS,
    sector_family,
)

SCHEMA = 1
FAMILIES = ("government", "civil_society", "other")
UNKNOWN = "unknown"


def day_bounds(day: datetime.date, now: datetime.datetime | None = None):
    """``(end, since30, since90)``: the end of ``day`` in UTC (or ``now`` if earlier)."""
    end = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=datetime.UTC
    )
    if now is not None and now < end:
        end = now
    return end, end - datetime.timedelta(days=30), end - datetime.timedelta(days=90)


def _family(field: str):
    """SQL: the sector family of the sector in ``field`` ('government', 'civil_society',
    'other')."""
    return SQLCase(
        When(**{f"{field}__in": [str(s) for s in GOVERNMENT_SECTORS]}, then=Value("government")),
        When(
            **{f"{field}__in": [str(s) for s in CIVIL_SOCIETY_SECTORS]},
            then=Value("civil_society"),
        ),
        default=Value("other"),
        output_field=CharField(),
    )


def _region(value: str) -> str:
    return value or UNKNOWN


def _active_q(prefix: str, since, end) -> Q:
    """Members (``prefix`` points at the user) who signed in, posted, registered for an
    event or made a connection in ``[since, end)``."""
    from community.models import Connection
    from events.models import Registration
    from spaces.models import Post

    window = {"created_at__gte": since, "created_at__lt": end}
    posts = Post.objects.filter(author__isnull=False, **window).values("author_id")
    registrations = Registration.objects.filter(user__isnull=False, **window).values("user_id")
    low = Connection.objects.filter(**window).values("user_low_id")
    high = Connection.objects.filter(**window).values("user_high_id")
    user = f"{prefix}__" if prefix else ""
    key = f"{prefix}_id" if prefix else "id"
    return (
        Q(**{f"{user}last_login__gte": since, f"{user}last_login__lt": end})
        | Q(**{f"{key}__in": posts})
        | Q(**{f"{key}__in": registrations})
        | Q(**{f"{key}__in": low})
        | Q(**{f"{key}__in": high})
    )


def compute(day: datetime.date, *, now: datetime.datetime | None = None) -> dict:
    """Every figure of the snapshot for ``day`` (see the module docstring)."""
    end, since30, since90 = day_bounds(day, now)
    figures = {"schema": SCHEMA, "day": day.isoformat()}
    figures["members"], figures["active"] = _members(end, since30, since90)
    figures["connections"] = _connections(end)
    figures["coalitions"] = _coalitions(end)
    programmes = _programmes()
    figures["alumni"] = _alumni(end, since90, programmes)
    figures["cohorts"] = _cohorts(end, programmes)
    figures["events"] = _events(end)
    figures["awards"] = _awards(end)
    figures["stories"] = _stories(end)
    return figures


# ---------------------------------------------------------------------------
# Members and activity (4 queries)
# ---------------------------------------------------------------------------
def _members(end, since30, since90):
    from community.models import Profile
    from community.models.profile import Visibility

    members = Profile.objects.filter(user__is_active=True, user__date_joined__lt=end)
    active30 = _active_q("user", since30, end)
    active90 = _active_q("user", since90, end)
    totals = members.aggregate(
        total=Count("id"),
        hidden=Count("id", filter=Q(visibility=Visibility.HIDDEN)),
        active_30=Count("id", filter=active30),
        active_90=Count("id", filter=active90),
    )
    visible = members.exclude(visibility=Visibility.HIDDEN)
    by_region_family = defaultdict(lambda: dict.fromkeys(FAMILIES, 0))
    active_by_region = defaultdict(lambda: {"30": 0, "90": 0})
    for row in visible.values("region", "sector").annotate(
        n=Count("id"), a30=Count("id", filter=active30), a90=Count("id", filter=active90)
    ):
        region = _region(row["region"])
        by_region_family[region][sector_family(row["sector"])] += row["n"]
        active_by_region[region]["30"] += row["a30"]
        active_by_region[region]["90"] += row["a90"]
    by_country = {
        row["country"] or UNKNOWN: row["n"]
        for row in visible.values("country").annotate(n=Count("id"))
    }
    by_family = dict.fromkeys(FAMILIES, 0)
    for families in by_region_family.values():
        for family, n in families.items():
            by_family[family] += n
    members_figures = {
        "total": totals["total"],
        "hidden": totals["hidden"],
        "by_family": by_family,
        "by_region_family": dict(by_region_family),
        "by_country": by_country,
    }
    active = {
        "30": totals["active_30"],
        "90": totals["active_90"],
        "by_region": dict(active_by_region),
    }
    return members_figures, active


# ---------------------------------------------------------------------------
# Connections (2 queries)
# ---------------------------------------------------------------------------
def _connections(end):
    from community.models import Connection
    from community.models.profile import Visibility

    made = Connection.objects.filter(created_at__lt=end)
    total = made.count()
    pairs = (
        made.exclude(user_low__profile__visibility=Visibility.HIDDEN)
        .exclude(user_high__profile__visibility=Visibility.HIDDEN)
        .annotate(fa=_family("user_low__profile__sector"), fb=_family("user_high__profile__sector"))
        .values("fa", "fb", "user_low__profile__region", "user_high__profile__region")
        .annotate(n=Count("id"))
    )
    by_family_pair = defaultdict(int)
    by_region = defaultdict(lambda: {"total": 0, "cross": 0})
    cross = 0
    for row in pairs:
        pair = "+".join(sorted((row["fa"], row["fb"])))
        by_family_pair[pair] += row["n"]
        is_cross = pair == "civil_society+government"
        cross += row["n"] if is_cross else 0
        regions = {
            _region(row["user_low__profile__region"]),
            _region(row["user_high__profile__region"]),
        }
        for region in regions:  # a connection across two regions counts in both
            by_region[region]["total"] += row["n"]
            by_region[region]["cross"] += row["n"] if is_cross else 0
    return {
        "total": total,
        "cross": cross,
        "by_family_pair": dict(by_family_pair),
        "by_region": dict(by_region),
    }


# ---------------------------------------------------------------------------
# Coalitions: groups and group conversations spanning both families (2 queries)
# ---------------------------------------------------------------------------
def _spans_both(queryset, key: str, sector_field: str):
    return (
        queryset.values(key)
        .annotate(
            g=Count(
                "id", filter=Q(**{f"{sector_field}__in": [str(s) for s in GOVERNMENT_SECTORS]})
            ),
            c=Count(
                "id", filter=Q(**{f"{sector_field}__in": [str(s) for s in CIVIL_SOCIETY_SECTORS]})
            ),
        )
        .filter(g__gt=0, c__gt=0)
    )


def _coalitions(end):
    from community.models.profile import Visibility
    from messaging.models import Participant as ConversationParticipant
    from spaces.models import Membership

    memberships = (
        Membership.objects.filter(
            state=Membership.State.ACTIVE, joined_at__lt=end, space__created_at__lt=end
        )
        .filter(Q(space__archived_at__isnull=True) | Q(space__archived_at__gte=end))
        .exclude(user__profile__visibility=Visibility.HIDDEN)
    )
    groups = defaultdict(int)
    for row in _spans_both(memberships, "space_id", "user__profile__sector").values(
        "space_id", "space__region"
    ):
        groups[_region(row["space__region"])] += 1
    participants = (
        ConversationParticipant.objects.filter(conversation__kind="group", joined_at__lt=end)
        .filter(Q(left_at__isnull=True) | Q(left_at__gte=end))
        .exclude(user__profile__visibility=Visibility.HIDDEN)
    )
    conversations = _spans_both(participants, "conversation_id", "user__profile__sector").count()
    return {
        "groups": sum(groups.values()),
        "groups_by_region": dict(groups),
        "conversations": conversations,
    }


# ---------------------------------------------------------------------------
# Alumni engagement (3 queries, with the programmes' one)
# ---------------------------------------------------------------------------
def _programmes() -> dict[str, int]:
    """Tree path → programme page id, to fold cohorts (its children) into programmes."""
    from cohorts.models import ProgrammePage

    return dict(ProgrammePage.objects.values_list("path", "id"))


def _programme_of(path: str, programmes: dict[str, int]) -> int | None:
    from wagtail.models import Page

    return programmes.get(path[: -Page.steplen])


def _alumni(end, since90, programmes):
    from cohorts.models import Participant
    from community.models.profile import Visibility
    from events.models import Registration
    from messaging.models import ExchangeRequest
    from spaces.models import Post

    attended = Registration.objects.filter(
        user__isnull=False, attended_at__gte=since90, attended_at__lt=end
    ).values("user_id")
    posted = Post.objects.filter(
        author__isnull=False, created_at__gte=since90, created_at__lt=end
    ).values("author_id")
    mentoring = ExchangeRequest.objects.filter(
        kind=ExchangeRequest.Kind.MENTORING,
        status=ExchangeRequest.Status.ACCEPTED,
        answered_at__lt=end,
    ).filter(Q(ends_at__isnull=True) | Q(ends_at__gte=since90))
    measures = {
        "total": Count("user", distinct=True),
        "active_90": Count("user", distinct=True, filter=_active_q("user", since90, end)),
        "at_events_90": Count("user", distinct=True, filter=Q(user_id__in=attended)),
        "posting_90": Count("user", distinct=True, filter=Q(user_id__in=posted)),
        "mentoring_90": Count(
            "user",
            distinct=True,
            filter=Q(user_id__in=mentoring.values("recipient_id"))
            | Q(user_id__in=mentoring.values("sender_id")),
        ),
    }
    alumni = Participant.objects.filter(
        status=Participant.Status.COMPLETED,
        completed_at__lt=end,
        user__isnull=False,
        user__is_active=True,
    )
    totals = alumni.aggregate(**measures)
    by_programme = defaultdict(lambda: dict.fromkeys(measures, 0))
    rows = (
        alumni.exclude(user__profile__visibility=Visibility.HIDDEN)
        .values("cohort__path")
        .annotate(**measures)
    )
    for row in rows:
        programme = _programme_of(row.pop("cohort__path"), programmes)
        for key, n in row.items():
            by_programme[str(programme)][key] += n
    return {**totals, "by_programme": dict(by_programme)}


# ---------------------------------------------------------------------------
# The cohort funnel, with the balance against each cohort's targets (4 queries)
# ---------------------------------------------------------------------------
def _cohorts(end, programmes):
    from cohorts.models import Application, ApplicationStatus, CohortPage, Participant
    from cohorts.selectors import application_groups

    S = ApplicationStatus
    submitted = Q(submitted_at__lt=end) & ~Q(status=S.DRAFT)
    funnel = {
        row["cohort_id"]: row
        for row in Application.objects.filter(submitted_at__lt=end)
        .values("cohort_id")
        .annotate(
            applied=Count("id", filter=submitted),
            shortlisted=Count("id", filter=submitted & Q(status__in=[S.SHORTLISTED, S.ACCEPTED])),
            accepted=Count("id", filter=submitted & Q(status=S.ACCEPTED)),
        )
    }
    completed = dict(
        Participant.objects.filter(status=Participant.Status.COMPLETED, completed_at__lt=end)
        .values("cohort_id")
        .annotate(n=Count("id"))
        .values_list("cohort_id", "n")
    )
    reached = defaultdict(lambda: defaultdict(int))
    for row in (
        Application.objects.filter(submitted_at__lt=end, status__in=[S.SHORTLISTED, S.ACCEPTED])
        .values("cohort_id", "region", "sector_family", "scope", "gender")
        .annotate(n=Count("id"))
    ):
        n = row.pop("n")
        cohort_id = row.pop("cohort_id")
        for group in application_groups(Application(**row)):
            reached[cohort_id][group] += n
    ids = set(funnel) | set(completed)
    cohorts = {}
    for page in CohortPage.objects.filter(pk__in=ids).only(
        "id", "title", "path", "region", "targets", "start_date"
    ):
        row = funnel.get(page.pk, {})
        targets = [
            {
                "group": block.value["group"],
                "target": block.value["target"],
                "reached": reached[page.pk][block.value["group"]],
            }
            for block in page.targets
            if block.block_type == "target"
        ]
        cohorts[str(page.pk)] = {
            "title": page.title,
            "programme": _programme_of(page.path, programmes),
            "region": page.region or "",
            "start": page.start_date.isoformat() if page.start_date else "",
            "applied": row.get("applied", 0),
            "shortlisted": row.get("shortlisted", 0),
            "accepted": row.get("accepted", 0),
            "completed": completed.get(page.pk, 0),
            "targets": targets,
        }
    return cohorts


# ---------------------------------------------------------------------------
# Events (2 queries)
# ---------------------------------------------------------------------------
def _events(end):
    from events.models import EventPage, Registration, RegistrationStatus

    registered = Q(created_at__lt=end) & (Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=end))
    ended = Q(event__end__lt=end)
    by_region = defaultdict(lambda: {"registered": 0, "attended": 0, "no_shows": 0, "held": 0})
    for row in (
        Registration.objects.filter(created_at__lt=end)
        .values("event__region")
        .annotate(
            registered=Count("id", filter=registered),
            attended=Count("id", filter=Q(attended_at__lt=end)),
            no_shows=Count(
                "id",
                filter=registered
                & ended
                & Q(status=RegistrationStatus.CONFIRMED)
                & (Q(attended_at__isnull=True) | Q(attended_at__gte=end)),
            ),
        )
    ):
        region = by_region[_region(row.pop("event__region"))]
        for key, n in row.items():
            region[key] += n
    for row in (
        EventPage.objects.filter(live=True, end__lt=end)
        .values("region")
        .annotate(n=Count("translation_key", distinct=True))
    ):
        by_region[_region(row["region"])]["held"] += row["n"]
    totals = dict.fromkeys(("registered", "attended", "no_shows", "held"), 0)
    for region in by_region.values():
        for key in totals:
            totals[key] += region[key]
    return {**totals, "by_region": dict(by_region)}


# ---------------------------------------------------------------------------
# Award nominations (1 query)
# ---------------------------------------------------------------------------
def _awards(end):
    from awards.models import Nomination

    N = Nomination.Status
    by_category = {}
    by_region = defaultdict(int)
    total = 0
    for row in (
        Nomination.objects.filter(submitted_at__lt=end, status__in=[N.SUBMITTED, N.DECLINED])
        .values("category_id", "category__name", "country")
        .annotate(n=Count("id"))
        .order_by("category_id")
    ):
        region = _region(COUNTRY_REGION.get(str(row["country"] or "").upper(), ""))
        category = by_category.setdefault(
            str(row["category_id"]), {"label": row["category__name"], "by_region": {}}
        )
        category["by_region"][region] = category["by_region"].get(region, 0) + row["n"]
        by_region[region] += row["n"]
        total += row["n"]
    return {"total": total, "by_category": by_category, "by_region": dict(by_region)}


# ---------------------------------------------------------------------------
# Stories (1 query)
# ---------------------------------------------------------------------------
def _stories(end):
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import TextField
    from django.db.models.functions import Cast

    from wagtail.models import Page, Revision

    from content.models import StoryPage

    # A proposed story's first revision is when the member sent it (pages keep no
    # creation date of their own).
    proposed_at = Subquery(
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), output_field=TextField()),
        )
        .order_by()
        .values("object_id")
        .annotate(first=Min("created_at"))
        .values("first")[:1]
    )
    stories = StoryPage.objects.annotate(proposed_at=proposed_at)
    return stories.aggregate(
        proposed=Count(
            "translation_key",
            distinct=True,
            filter=Q(submitted_by__isnull=False, proposed_at__lt=end),
        ),
        published=Count(
            "translation_key", distinct=True, filter=Q(live=True, first_published_at__lt=end)
        ),
    )
