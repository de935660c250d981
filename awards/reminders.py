"""Reminders before an award edition's deadlines (``home.reminders``), registered from
``AwardsConfig.ready()``:

- members with a draft nomination, before nominations close;
- jurors with assigned nominations they have not fully scored, before judging closes
  (one reminder per juror and edition, saying how many are left).

Nominees are not asked to accept a nomination (they are told and may decline it), so
there is nothing to remind them of.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from home import reminders

DRAFT_SOURCE = "awards.draft_nomination"
SCORING_SOURCE = "awards.unscored_nominations"


class _Titles:
    """An edition's title in each language, read once per page and language."""

    def __init__(self):
        self.seen = {}

    def __call__(self, programme, language):
        from awards.models import AwardProgrammePage

        key = (programme.pk, language)
        if key not in self.seen:
            page = AwardProgrammePage.objects.filter(
                translation_key=programme.translation_key,
                locale__language_code=language,
                live=True,
            ).first()
            self.seen[key] = (page or programme).title
        return self.seen[key]


def draft_nominations_due(now, until):
    """Draft nominations by active members in editions whose nominations close in
    ``(now, until]``. Submitted or withdrawn ones are finished."""
    from awards.models import Nomination

    drafts = (
        Nomination.objects.filter(
            status=Nomination.Status.DRAFT,
            nominator__isnull=False,
            nominator__is_active=True,
            programme__live=True,
            programme__nominations_close__gt=now,
            programme__nominations_close__lte=until,
        )
        .select_related("nominator", "programme")
        .order_by("programme_id", "pk")
    )
    title = _Titles()
    for nomination in drafts:
        programme = nomination.programme
        yield reminders.Due(
            recipient=nomination.nominator,
            target=f"awards.nomination:{nomination.pk}",
            deadline=programme.nominations_close,
            context=lambda language, n=nomination, p=programme: {
                "name": n.nominator.get_full_name(),
                "nominee": n.nominee_name,
                "programme": title(p, language),
            },
            link=("awards:nomination_edit", nomination.pk),
            time_zone=programme.tz.key,
        )


def unscored(role, criteria) -> int:
    """How many of ``role``'s assigned nominations its juror has not fully scored (those
    they have a conflict with do not count: they may not score them)."""
    from awards.models import ConflictOfInterest, Score
    from awards.selectors import assigned_nominations

    nominations = list(assigned_nominations(role))
    ids = [n.pk for n in nominations]
    blocked = set(
        ConflictOfInterest.objects.filter(
            juror_id=role.user_id, nomination_id__in=ids, status__in=ConflictOfInterest.BLOCKING
        ).values_list("nomination_id", flat=True)
    )
    scored = defaultdict(int)
    for nomination_id in Score.objects.filter(
        juror_id=role.user_id, nomination_id__in=ids
    ).values_list("nomination_id", flat=True):
        scored[nomination_id] += 1
    left = 0
    for nomination in nominations:
        if nomination.pk in blocked:
            continue
        needed = sum(1 for c in criteria if c.applies_to(nomination.category))
        if needed and scored[nomination.pk] < needed:
            left += 1
    return left


def unscored_nominations_due(now, until):
    """Jurors of editions whose judging closes in ``(now, until]``, while scoring is open,
    with nominations left to score. Once everything is scored they are finished."""
    from awards.models import AwardProgrammePage, JurorRole
    from awards.permissions import is_juror

    programmes = AwardProgrammePage.objects.filter(
        live=True, nominations_close__lte=now, judging_close__gt=now, judging_close__lte=until
    )
    title = _Titles()
    for programme in programmes:
        if programme.canonical.pk != programme.pk or not programme.scoring_open(now):
            continue
        criteria = programme.localized_criteria()
        roles = JurorRole.objects.filter(programme=programme, user__is_active=True)
        for role in roles.select_related("user").order_by("pk"):
            if not is_juror(role.user):
                continue  # suspended from the Jurors group
            left = unscored(role, criteria)
            if not left:
                continue
            yield reminders.Due(
                recipient=role.user,
                target=f"awards.jury:{programme.pk}",
                deadline=programme.judging_close,
                context=lambda language, p=programme, user=role.user, left=left: {
                    "name": user.get_full_name(),
                    "programme": title(p, language),
                    "count": left,
                },
                link=("awards:jury_dashboard",),
                time_zone=programme.tz.key,
            )


def register() -> None:
    from awards.permissions import MANAGE

    reminders.register(
        reminders.Source(
            key=DRAFT_SOURCE,
            kind="awards.deadline_draft",
            label=_("Draft nominations"),
            due=draft_nominations_due,
            permission=MANAGE,
        )
    )
    reminders.register(
        reminders.Source(
            key=SCORING_SOURCE,
            kind="awards.deadline_scoring",
            label=_("Nominations jurors have not scored"),
            due=unscored_nominations_due,
            permission=MANAGE,
        )
    )
