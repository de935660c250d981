"""Reminders before an award edition's deadlines (``home.reminders``), registered from
``AwardsConfig.ready()``:

- members with a draft nomination, before nominations close;
- jurors with assigned nominations they have not fully scored, before judging closes
  (one reminder per juror and edition, saying how many are left).

- member nominees who have neither accepted nor declined their nomination, before judging
  closes.
"""

from django.utils.translation import gettext_lazy as _

from home import reminders

DRAFT_SOURCE = "awards.draft_nomination"
SCORING_SOURCE = "awards.unscored_nominations"
ACCEPT_SOURCE = "awards.nominee_acceptance"


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


def unscored(role, criteria, judging_round=None) -> int:
    """How many of ``role``'s nominations in ``judging_round`` (default: the edition's
    first round) its juror has not fully scored against that round's criteria (those they
    have a conflict with do not count: they may not score them)."""
    from awards.models.rounds import first_round
    from awards.selectors import _round_progress

    judging_round = judging_round or first_round(role.programme, create=False)
    if judging_round is None:
        return 0
    progress = _round_progress(role, judging_round, criteria, None)
    return progress["total"] - progress["done"]


def _rounds_closing(now, until):
    """Open judging rounds whose scoring deadline (their own, else the edition's judging
    close) falls in ``(now, until]``."""
    from django.db.models import Q

    from awards.models import JudgingRound

    return (
        JudgingRound.objects.filter(shortlist_closed_at__isnull=True, programme__live=True)
        .filter(
            Q(scoring_deadline__gt=now, scoring_deadline__lte=until)
            | Q(
                scoring_deadline__isnull=True,
                programme__judging_close__gt=now,
                programme__judging_close__lte=until,
            )
        )
        .select_related("programme")
        .prefetch_related("criteria")
        .order_by("programme_id", "position")
    )


def unscored_nominations_due(now, until):
    """Jurors of each judging round whose deadline is in ``(now, until]``, while the round
    takes scores, with nominations of that round left to score. Once everything is scored
    they are finished. One reminder per juror and round (the first round keeps the
    edition's target, as before rounds)."""
    from awards.models import JurorRole
    from awards.permissions import is_juror

    title = _Titles()
    for judging_round in _rounds_closing(now, until):
        programme = judging_round.programme
        if programme.canonical.pk != programme.pk or not judging_round.scoring_open(now):
            continue
        criteria = programme.localized_criteria()
        roles = JurorRole.objects.filter(
            programme=programme, user__is_active=True, assignments__round=judging_round
        ).distinct()
        target = (
            f"awards.jury:{programme.pk}"
            if judging_round.is_first
            else f"awards.jury:{programme.pk}:round:{judging_round.pk}"
        )
        for role in roles.select_related("user").order_by("pk"):
            if not is_juror(role.user):
                continue  # suspended from the Jurors group
            left = unscored(role, criteria, judging_round)
            if not left:
                continue
            yield reminders.Due(
                recipient=role.user,
                target=target,
                deadline=judging_round.deadline(),
                context=lambda language, p=programme, user=role.user, left=left: {
                    "name": user.get_full_name(),
                    "programme": title(p, language),
                    "count": left,
                },
                link=("awards:jury_dashboard",),
                time_zone=programme.tz.key,
            )


def nominees_to_answer_due(now, until):
    """Member nominees of submitted nominations who have not accepted (nor declined), in
    editions that tell nominees and whose judging closes in ``(now, until]``."""
    from django.db.models import F

    from awards.models import Nomination

    waiting = (
        Nomination.objects.filter(
            status=Nomination.Status.SUBMITTED,
            accepted_at__isnull=True,
            nominee_user__isnull=False,
            nominee_user__is_active=True,
            programme__live=True,
            programme__notify_nominees=True,
            programme__judging_close__gt=now,
            programme__judging_close__lte=until,
        )
        .exclude(nominee_user=F("nominator"))
        .select_related("nominee_user", "programme")
        .order_by("programme_id", "pk")
    )
    title = _Titles()
    for nomination in waiting:
        programme = nomination.programme
        yield reminders.Due(
            recipient=nomination.nominee_user,
            target=f"awards.nominee:{nomination.pk}",
            deadline=programme.judging_close,
            context=lambda language, n=nomination, p=programme: {
                "name": n.nominee_user.get_full_name(),
                "programme": title(p, language),
            },
            link=("awards:nomination_decline", nomination.pk),
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
    reminders.register(
        reminders.Source(
            key=ACCEPT_SOURCE,
            kind="awards.deadline_acceptance",
            label=_("Nominees who have not answered"),
            due=nominees_to_answer_due,
            permission=MANAGE,
        )
    )
