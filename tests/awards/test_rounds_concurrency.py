"""PostgreSQL: closing a round twice at once feeds the next round once; a bulk
assignment confirmed twice at once makes each assignment once.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_jury.
"""

import pytest

from awards import services
from awards.errors import AwardError
from awards.models import JudgingRound, JurorAssignment, RoundNomination
from awards.models.rounds import first_round
from community.factories import StaffFactory, UserFactory
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

from .conftest import nominate, set_phase

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    """These tests commit for real: the site is seeded for each test."""
    return fresh_site


def test_two_closes_at_once_feed_the_next_round_once(programme):
    staff = StaffFactory()
    nominations = [nominate(programme, UserFactory(), nominee_name=f"N{i}") for i in range(4)]
    programme = set_phase(programme, "judging")
    qualifying = first_round(programme)
    final = services.round_add(programme=programme, by=staff)
    for n in nominations[:3]:
        services.round_shortlist_set(
            judging_round=qualifying, nomination=n, shortlisted=True, by=staff
        )
    results = in_parallel(
        [lambda: services.round_close(judging_round=qualifying, by=staff)] * 4,
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, AwardError)]
    assert len(refused) == 3 and {r.code for r in refused} == {"round_closed"}
    assert set(
        RoundNomination.objects.filter(round=final).values_list("nomination_id", flat=True)
    ) == {n.pk for n in nominations[:3]}
    assert JudgingRound.objects.get(pk=qualifying.pk).shortlist_closed_at is not None


def test_a_shortlist_change_racing_the_close_is_in_or_refused(programme):
    staff = StaffFactory()
    a, b = (nominate(programme, UserFactory(), nominee_name=name) for name in ("A", "B"))
    programme = set_phase(programme, "judging")
    qualifying = first_round(programme)
    final = services.round_add(programme=programme, by=staff)
    services.round_shortlist_set(judging_round=qualifying, nomination=a, shortlisted=True, by=staff)
    results = in_parallel(
        [
            lambda: services.round_close(judging_round=qualifying, by=staff),
            lambda: services.round_shortlist_set(
                judging_round=qualifying, nomination=b, shortlisted=True, by=staff
            ),
        ],
        return_exceptions=True,
    )
    fed = set(RoundNomination.objects.filter(round=final).values_list("nomination_id", flat=True))
    shortlisted = set(
        RoundNomination.objects.filter(round=qualifying, shortlisted=True).values_list(
            "nomination_id", flat=True
        )
    )
    # Whatever the order, the next round holds exactly the shortlist as it was closed.
    assert fed == shortlisted
    assert not isinstance(results[0], Exception)


def test_bulk_assignment_confirmed_twice_at_once_assigns_once(programme):
    staff = StaffFactory()
    nominate(programme, UserFactory())
    roles = [services.juror_appoint(programme=programme, user=UserFactory()) for _ in range(3)]
    judging_round = first_round(programme)
    categories = list(programme.categories.all())
    in_parallel(
        [
            lambda: services.assignments_apply(
                judging_round=judging_round, roles=roles, categories=categories, by=staff
            )
        ]
        * 3
    )
    assert JurorAssignment.objects.filter(round=judging_round).count() == len(roles) * len(
        categories
    )
