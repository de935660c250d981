"""Judging rounds: a qualifying round's shortlist feeds the final round exactly; jurors of
one round cannot see or score the other's; each round has its own criteria and deadline."""

from datetime import timedelta

from django.utils import timezone

import pytest

from awards import selectors, services
from awards.errors import AwardError, AwardNotAllowed
from awards.models import AwardProgrammePage, JudgingRound, JurorAssignment, Nomination, Score
from awards.models.rounds import first_round
from community.factories import StaffFactory, UserFactory

from .conftest import nominate, set_phase

pytestmark = pytest.mark.django_db


class TwoRounds:
    """An edition with a qualifying round (whole rubric) and a final round (one criterion),
    four nominations in one category, a juror in each round."""

    def __init__(self, programme):
        self.staff = StaffFactory()
        self.category = programme.categories.first()
        self.nominations = [
            nominate(programme, UserFactory(), nominee_name=name, organisation=f"Org {name}")
            for name in ("Ada", "Bea", "Cy", "Dee")
        ]
        self.programme = set_phase(programme, "judging")
        self.qualifying = first_round(self.programme)
        self.qualifying.kind = JudgingRound.Kind.QUALIFYING
        self.qualifying.save()
        self.impact = self.programme.criteria.get(name="Impact")
        self.final = services.round_add(
            programme=self.programme,
            kind=JudgingRound.Kind.FINAL,
            scoring_deadline=timezone.now() + timedelta(days=5),
            criteria=[self.impact],
            by=self.staff,
        )
        self.juror_q = UserFactory()
        self.juror_f = UserFactory()
        role_q = services.juror_appoint(programme=self.programme, user=self.juror_q)
        role_f = services.juror_appoint(programme=self.programme, user=self.juror_f)
        services.juror_assign(role=role_q, category=self.category, judging_round=self.qualifying)
        services.juror_assign(role=role_f, category=self.category, judging_round=self.final)

    def shortlist(self, *nominations):
        for n in nominations:
            services.round_shortlist_set(
                judging_round=self.qualifying, nomination=n, shortlisted=True, by=self.staff
            )

    def close(self):
        return services.round_close(judging_round=self.qualifying, by=self.staff)


@pytest.fixture
def rounds(programme):
    return TwoRounds(programme)


def test_the_final_round_receives_exactly_the_qualifying_shortlist(rounds):
    ada, bea, cy, dee = rounds.nominations
    rounds.shortlist(ada, bea, cy)
    services.round_shortlist_set(
        judging_round=rounds.qualifying, nomination=cy, shortlisted=False, by=rounds.staff
    )
    assert set(rounds.final.nominations()) == set()  # nothing before the close
    rounds.close()
    assert set(rounds.final.nominations()) == {ada, bea}
    assert set(rounds.qualifying.nominations()) == {ada, bea, cy, dee}
    # A second close, or a change to the closed shortlist, is refused and changes nothing.
    with pytest.raises(AwardError) as exc:
        rounds.close()
    assert exc.value.code == "round_closed"
    with pytest.raises(AwardError):
        rounds.shortlist(dee)
    assert set(rounds.final.nominations()) == {ada, bea}


def test_a_withdrawn_nomination_does_not_go_on(rounds):
    ada, bea, _cy, _dee = rounds.nominations
    rounds.shortlist(ada, bea)
    services.nomination_withdraw(nomination=bea, by=bea.nominator)
    rounds.close()
    assert list(rounds.final.nominations()) == [ada]


def test_closing_needs_a_shortlist_and_a_next_round(rounds):
    with pytest.raises(AwardError) as exc:
        rounds.close()
    assert exc.value.code == "empty_shortlist"
    with pytest.raises(AwardError) as exc:
        services.round_close(judging_round=rounds.final, by=rounds.staff)
    assert exc.value.code == "last_round"
    with pytest.raises(AwardNotAllowed):
        services.round_close(judging_round=rounds.qualifying, by=rounds.juror_q)


def test_scoring_opens_round_by_round(rounds):
    ada, *_ = rounds.nominations
    assert rounds.qualifying.scoring_open()
    assert not JudgingRound.objects.get(pk=rounds.final.pk).scoring_open()
    with pytest.raises(AwardNotAllowed):  # the final round has no nominations yet
        services.scores_submit(
            juror=rounds.juror_f, nomination=ada, values={rounds.impact.pk: (5, "")}
        )
    rounds.shortlist(ada)
    rounds.close()
    assert not JudgingRound.objects.get(pk=rounds.qualifying.pk).scoring_open()
    assert JudgingRound.objects.get(pk=rounds.final.pk).scoring_open()


def test_jurors_of_one_round_cannot_score_the_other(rounds):
    ada, bea, *_ = rounds.nominations
    criteria = {c.pk: (7, "") for c in rounds.programme.localized_criteria()}
    services.scores_submit(juror=rounds.juror_q, nomination=ada, values=criteria)
    rounds.shortlist(ada)
    rounds.close()
    final = JudgingRound.objects.get(pk=rounds.final.pk)
    with pytest.raises(AwardNotAllowed):
        services.scores_submit(
            juror=rounds.juror_q,
            nomination=ada,
            values={rounds.impact.pk: (9, "")},
            judging_round=final,
        )
    with pytest.raises(AwardError):  # the qualifying round is closed for everyone now
        services.scores_submit(
            juror=rounds.juror_f,
            nomination=ada,
            values={rounds.impact.pk: (9, "")},
            judging_round=JudgingRound.objects.get(pk=rounds.qualifying.pk),
        )
    with pytest.raises(AwardNotAllowed):  # Bea was not shortlisted: not in the final
        services.scores_submit(
            juror=rounds.juror_f,
            nomination=bea,
            values={rounds.impact.pk: (9, "")},
            judging_round=final,
        )
    # The final round's own criterion only; the other criterion is refused.
    other = next(c for c in rounds.programme.localized_criteria() if c.pk != rounds.impact.pk)
    with pytest.raises(AwardError) as exc:
        services.scores_submit(juror=rounds.juror_f, nomination=ada, values={other.pk: (3, "")})
    assert exc.value.code == "criterion"
    services.scores_submit(juror=rounds.juror_f, nomination=ada, values={rounds.impact.pk: (4, "")})
    assert Score.objects.filter(round=final).count() == 1
    assert Score.objects.filter(round=rounds.qualifying).count() == 2
    # Results per round: each from its own jurors' scores.
    q = selectors.category_results(
        rounds.programme, JudgingRound.objects.get(pk=rounds.qualifying.pk)
    )
    f = selectors.category_results(rounds.programme, final)
    q_ada = next(n for _r, _t, n in q[0]["ranked"] if n.pk == ada.pk)
    f_ada = next(n for _r, _t, n in f[0]["ranked"] if n.pk == ada.pk)
    assert q_ada.result.mean == 7 and f_ada.result.mean == 4
    assert [n.pk for _r, _t, n in f[0]["ranked"]] == [ada.pk]


@pytest.mark.parametrize(
    "actor, round_name, nominee, status",
    [
        ("juror_q", "qualifying", 0, 200),
        ("juror_q", "final", 0, 404),  # a qualifying juror never reaches the final
        ("juror_f", "final", 0, 200),
        ("juror_f", "qualifying", 0, 404),  # nor a final juror the qualifying round
        ("juror_f", "final", 1, 404),  # not shortlisted: not in the final round
        ("staff", "final", 0, 200),
        ("staff", "final", 1, 404),
        ("other", "qualifying", 0, 404),
        ("anonymous", "final", 0, 302),
    ],
)
def test_round_review_pages_as_a_table(client, rounds, actor, round_name, nominee, status):
    ada = rounds.nominations[0]
    rounds.shortlist(ada)
    rounds.close()
    user = {"other": UserFactory(), "anonymous": None}.get(actor) or getattr(rounds, actor, None)
    if user is not None:
        client.force_login(user)
    judging_round = getattr(rounds, round_name)
    nomination = rounds.nominations[nominee]
    response = client.get(f"/en/award/jury/rounds/{judging_round.pk}/nominations/{nomination.pk}/")
    assert response.status_code == status


def test_a_round_of_another_edition_or_nonsense_is_404(client, rounds, index_page):
    from awards.factories import AwardProgrammePageFactory

    other = AwardProgrammePageFactory(parent=index_page, slug="other-edition")
    elsewhere = first_round(other)
    client.force_login(rounds.staff)
    ada = rounds.nominations[0]
    assert (
        client.get(f"/en/award/jury/rounds/{elsewhere.pk}/nominations/{ada.pk}/").status_code == 404
    )
    assert client.get(f"/en/award/jury/rounds/999999/nominations/{ada.pk}/").status_code == 404


def test_the_final_review_form_asks_only_the_final_criteria(client, rounds):
    ada = rounds.nominations[0]
    rounds.shortlist(ada)
    rounds.close()
    client.force_login(rounds.juror_f)
    page = client.get(f"/en/award/jury/rounds/{rounds.final.pk}/nominations/{ada.pk}/")
    body = page.content.decode()
    assert "Impact" in body and "Innovation" not in body
    other_criterion = rounds.programme.criteria.get(name="Innovation")
    response = client.post(
        f"/en/award/jury/rounds/{rounds.final.pk}/nominations/{ada.pk}/",
        {f"score_{rounds.impact.pk}": "8", f"score_{other_criterion.pk}": "2"},
    )
    assert response.status_code == 302
    assert list(
        Score.objects.filter(juror=rounds.juror_f).values_list("criterion_id", "value")
    ) == [(rounds.impact.pk, 8)]


def test_juror_dashboard_counts_per_round_next_unscored_first(client, rounds):
    ada, bea, cy, dee = rounds.nominations
    services.scores_submit(
        juror=rounds.juror_q,
        nomination=ada,
        values={c.pk: (6, "") for c in rounds.programme.localized_criteria()},
    )
    [block] = selectors.juror_dashboard(rounds.juror_q)
    [part] = block["rounds"]
    assert (part["done"], part["total"]) == (1, 4)
    assert part["rows"][-1]["nomination"] == ada  # scored: at the end
    assert part["next"]["nomination"] == bea
    client.force_login(rounds.juror_q)
    body = client.get("/en/award/jury/").content.decode()
    assert "1 of 4 scored" in body
    assert "Next to score: Bea" in body
    # The final juror sees their round, empty until the shortlist is closed.
    [block] = selectors.juror_dashboard(rounds.juror_f)
    assert [p["total"] for p in block["rounds"]] == [0]


def test_existing_assignments_and_scores_belong_to_the_first_round(programme):
    """An edition judged before rounds existed: one round, assignments and scores in it."""
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    assignment = JurorAssignment.objects.create(juror=role, category=programme.categories.first())
    nomination = nominate(programme, UserFactory())
    judging = set_phase(programme, "judging")
    services.scores_submit(
        juror=juror,
        nomination=Nomination.objects.get(pk=nomination.pk),
        values={c.pk: (5, "") for c in judging.localized_criteria()},
    )
    [only] = JudgingRound.objects.filter(programme=programme)
    assert assignment.round == only and only.deadline() == judging.judging_close
    assert set(Score.objects.values_list("round_id", flat=True)) == {only.pk}


def test_migration_moves_existing_data_into_one_round(programme):
    """The data migration's function on rows without a round."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("awards.migrations.0005_single_round_for_existing_data")
    juror = UserFactory()
    role = services.juror_appoint(programme=programme, user=juror)
    services.juror_assign(role=role, category=programme.categories.first())
    JudgingRound.objects.all().delete()  # as before the migration (assignments cascade)
    assert not JurorAssignment.objects.exists()
    migration.forwards(apps, None)
    assert JudgingRound.objects.filter(programme=programme, position=1).count() == 1
    assert AwardProgrammePage.objects.get(pk=programme.pk).round_state() is not None


def test_final_round_jurors_are_reminded_before_the_final_deadline_only(rounds):
    """Reminders (home.reminders) follow rounds: before a round's own deadline, its own
    jurors with its nominations left; the closed qualifying round reminds nobody."""
    from home import reminders
    from home.models import OutboxEmail

    ada, bea, *_ = rounds.nominations
    rounds.shortlist(ada, bea)
    rounds.close()
    deadline = JudgingRound.objects.get(pk=rounds.final.pk).deadline()
    assert reminders.send_due(now=deadline - timedelta(hours=20)) == 1
    [email] = OutboxEmail.objects.filter(reason="awards.deadline_scoring")
    assert email.to == rounds.juror_f.email
    assert "2 nominations" in email.subject
    assert reminders.send_due(now=deadline - timedelta(hours=19)) == 0


def test_a_juror_of_one_category_cannot_open_another_in_the_same_round(client, programme):
    """Another juror's assignment in the round gives this juror nothing."""
    from awards import permissions

    champions, open_data = programme.categories.all()
    mine, theirs = UserFactory(), UserFactory()
    services.juror_assign(
        role=services.juror_appoint(programme=programme, user=mine), category=champions
    )
    services.juror_assign(
        role=services.juror_appoint(programme=programme, user=theirs), category=open_data
    )
    elsewhere = nominate(programme, UserFactory(), category=open_data)
    assert not permissions.is_assigned(mine, elsewhere)
    assert permissions.is_assigned(theirs, elsewhere)
    client.force_login(mine)
    assert client.get(f"/en/award/jury/nominations/{elsewhere.pk}/").status_code == 404
