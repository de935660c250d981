"""Scale data for the jury desk (``seed_scale``): per demo award programme, a jury of ten
scale members in its first round, each assigned every category, who have scored about
half of the submitted nominations. Idempotent (unique constraints, ``ignore_conflicts``);
sends nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction

JURY_SIZE = 10


def seed_jury(*, seed: int, now, quiet: bool = True, log=None) -> int:
    from awards.models import (
        AwardProgrammePage,
        JurorAssignment,
        JurorRole,
        Nomination,
        Score,
    )
    from awards.models.rounds import first_round
    from awards.permissions import GROUPS, JURORS_GROUP
    from home.demo.scale.members import EMAIL_DOMAIN
    from home.permissions import ensure_groups

    programmes = list(AwardProgrammePage.objects.filter(locale__language_code="en").order_by("pk"))
    users = list(
        get_user_model()
        .objects.filter(email__endswith=f"@{EMAIL_DOMAIN}", is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: JURY_SIZE * 3]
    )
    if not programmes or not users:
        if log:
            log("  jury skipped: no award programme or no scale members yet.")
        return 0
    created = 0
    for index, programme in enumerate(programmes):
        programme = programme.canonical
        with transaction.atomic():
            judging_round = first_round(programme)
            jurors = users[(index * JURY_SIZE) % len(users) :][:JURY_SIZE]
            have = set(
                JurorRole.objects.filter(programme=programme).values_list("user_id", flat=True)
            )
            JurorRole.objects.bulk_create(
                [JurorRole(programme=programme, user_id=u) for u in jurors if u not in have],
                ignore_conflicts=True,
            )
            roles = list(JurorRole.objects.filter(programme=programme, user_id__in=jurors))
            # bulk_create sends no signal: jurors join the "Jurors" group here.
            group = ensure_groups({JURORS_GROUP: GROUPS[JURORS_GROUP]})[JURORS_GROUP]
            group.user_set.add(*jurors)
            categories = list(programme.categories.values_list("pk", flat=True))
            before = JurorAssignment.objects.filter(round=judging_round).count()
            JurorAssignment.objects.bulk_create(
                [
                    JurorAssignment(juror=role, round=judging_round, category_id=c)
                    for role in roles
                    for c in categories
                ],
                ignore_conflicts=True,
            )
            created += JurorAssignment.objects.filter(round=judging_round).count() - before
            criteria = list(programme.criteria.values_list("pk", flat=True))
            nominations = list(
                Nomination.objects.filter(
                    programme=programme, status=Nomination.Status.SUBMITTED
                ).values_list("pk", flat=True)
            )
            scores = [
                Score(
                    juror_id=role.user_id,
                    round=judging_round,
                    nomination_id=n,
                    criterion_id=c,
                    value=(seed + n + c + role.user_id) % 11,
                )
                for role in roles
                for n in nominations
                if (n + role.user_id) % 2 == 0
                for c in criteria
            ]
            before = Score.objects.filter(round=judging_round).count()
            Score.objects.bulk_create(scores, batch_size=2000, ignore_conflicts=True)
            created += Score.objects.filter(round=judging_round).count() - before
    return created
