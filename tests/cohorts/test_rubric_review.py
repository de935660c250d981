"""Rubric review at scale (issue 17): the review form, assignment (automatic and by hand,
never conflicted, balanced), reviews (one per reviewer, scores in range), the reviewer's
queue, blind review, staff's desk and bulk moves by filter."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse

import pytest

from cohorts import selectors, services
from cohorts.errors import CohortsNotAllowed, RubricError
from cohorts.models import (
    Application,
    ApplicationStatus,
    Participant,
    Review,
    ReviewAssignment,
    ReviewScore,
)
from community.factories import UserFactory
from community.models import Connection
from tests.cohorts.review_helpers import applications, reviewer, scores_for, with_rubric

S = ApplicationStatus


@pytest.fixture
def rubric_cohort(cohort):
    return with_rubric(cohort)


def _status(client, url) -> int:
    """The status a person ends on: an admin 404 is first redirected to the
    language-prefixed path by the locale middleware, which then answers 404."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith("/en/admin/"):
        return client.get(response["Location"]).status_code
    return response.status_code


def _loads(cohort, people):
    counts = {p.pk: 0 for p in people}
    for reviewer_id in ReviewAssignment.objects.filter(application__cohort=cohort).values_list(
        "reviewer", flat=True
    ):
        counts[reviewer_id] += 1
    return counts


# -- automatic assignment -----------------------------------------------------------------
def test_auto_assignment_exactly_n_never_conflicted_balanced(rubric_cohort, manager, programme):
    people = [reviewer(organisation=f"Office {i}") for i in range(5)]
    apps = applications(rubric_cohort, 13)
    # Conflicts from platform data: the same organisation (spelt differently), a
    # connection, a cohort both took part in, and a reviewer's own application.
    people[0].profile.organisation = "  civic   LAB "
    people[0].profile.save()
    Application.objects.filter(pk__in=[a.pk for a in apps[:3]]).update(organisation="Civic Lab")
    Application.objects.filter(pk__in=[a.pk for a in apps[3:]]).update(organisation="Elsewhere")
    low, high = Connection.ordered(people[1].pk, apps[3].applicant_id)
    Connection.objects.create(user_low_id=low, user_high_id=high)
    from cohorts.factories import CohortPageFactory

    past = CohortPageFactory(parent=programme, slug="past-cohort")
    Participant.objects.create(cohort=past, user=people[2])
    Participant.objects.create(cohort=past, user=apps[4].applicant)
    Application.objects.filter(pk=apps[5].pk).update(applicant=people[3])

    result = services.assign_automatically(
        cohort=rubric_cohort, per_application=2, reviewers=people, by=manager
    )
    assert result.created == 26 and result.shortfalls == []
    pairs = set(ReviewAssignment.objects.values_list("reviewer", "application"))
    for app in apps:
        assert sum(1 for _r, a in pairs if a == app.pk) == 2
    forbidden = {(people[0].pk, a.pk) for a in apps[:3]} | {
        (people[1].pk, apps[3].pk),
        (people[2].pk, apps[4].pk),
        (people[3].pk, apps[5].pk),
    }
    assert not (pairs & forbidden)
    loads = _loads(rubric_cohort, people)
    assert max(loads.values()) - min(loads.values()) <= 1
    # Assigned applications are under review; a second run changes nothing.
    assert not Application.objects.filter(cohort=rubric_cohort, status=S.SUBMITTED).exists()
    again = services.assign_automatically(
        cohort=rubric_cohort, per_application=2, reviewers=people, by=manager
    )
    assert again.created == 0 and ReviewAssignment.objects.count() == 26


def test_auto_assignment_keeps_existing_and_says_what_it_could_not_do(rubric_cohort, manager):
    people = [reviewer() for _ in range(3)]
    apps = applications(rubric_cohort, 4, organisation="Elsewhere")
    conflicted = people[0]
    conflicted.profile.organisation = "Ministry of Finance"
    conflicted.profile.save()
    Application.objects.filter(pk=apps[0].pk).update(organisation="ministry of finance")
    kept = services.assignment_add(application=apps[1], reviewer=people[2], by=manager)
    result = services.assign_automatically(
        cohort=rubric_cohort, per_application=3, reviewers=people, by=manager
    )
    assert ReviewAssignment.objects.filter(pk=kept.pk).exists()
    assert [(s.application.pk, s.missing) for s in result.shortfalls] == [(apps[0].pk, 1)]
    assert "same organisation as the applicant" in result.shortfalls[0].reasons
    assert not ReviewAssignment.objects.filter(application=apps[0], reviewer=conflicted).exists()
    assert ReviewAssignment.objects.filter(application=apps[1]).count() == 3


def test_auto_assignment_is_deterministic(rubric_cohort, manager, cohort):
    people = [reviewer() for _ in range(4)]
    apps = applications(rubric_cohort, 9)
    services.assign_automatically(
        cohort=rubric_cohort, per_application=2, reviewers=people, by=manager
    )
    first = sorted(ReviewAssignment.objects.values_list("application", "reviewer"))
    ReviewAssignment.objects.all().delete()
    services.assign_automatically(
        cohort=rubric_cohort, per_application=2, reviewers=list(reversed(people)), by=manager
    )
    assert sorted(ReviewAssignment.objects.values_list("application", "reviewer")) == first
    assert len(apps) == 9


@pytest.mark.parametrize("bad", [0, 21, "x", None])
def test_auto_assignment_refuses_nonsense(rubric_cohort, manager, bad):
    with pytest.raises(RubricError) as exc:
        services.assign_automatically(
            cohort=rubric_cohort, per_application=bad, reviewers=[reviewer()], by=manager
        )
    assert exc.value.code == "per_application"


def test_only_programme_staff_assign(rubric_cohort, manager):
    someone = reviewer()
    app = applications(rubric_cohort, 1)[0]
    for who in (someone, UserFactory()):
        with pytest.raises(CohortsNotAllowed):
            services.assign_automatically(
                cohort=rubric_cohort, per_application=1, reviewers=[someone], by=who
            )
        with pytest.raises(CohortsNotAllowed):
            services.assignment_add(application=app, reviewer=someone, by=who)
    with pytest.raises(RubricError) as exc:
        services.assignment_add(application=app, reviewer=UserFactory(), by=manager)
    assert exc.value.code == "not_a_reviewer"


def test_manual_assignment_explains_a_conflict(rubric_cohort, manager):
    person = reviewer(organisation="Open Budget Office", user={"name": "Rita Reviewer"})
    app = applications(rubric_cohort, 1, organisation="open budget office")[0]
    with pytest.raises(RubricError) as exc:
        services.assignment_add(application=app, reviewer=person, by=manager)
    assert exc.value.message == (
        "Rita Reviewer cannot review this application: same organisation as the applicant."
    )
    # A reviewer who already reviewed stays on record.
    other = reviewer()
    assignment = services.assignment_add(application=app, reviewer=other, by=manager)
    services.review_submit(assignment=assignment, by=other, scores=scores_for(rubric_cohort, 4, 7))
    with pytest.raises(RubricError) as exc:
        services.assignment_remove(assignment=assignment, by=manager)
    assert exc.value.code == "reviewed"


# -- reviews --------------------------------------------------------------------------------
def test_one_review_per_reviewer_resubmitting_updates_it(rubric_cohort, manager):
    person = reviewer()
    app = applications(rubric_cohort, 1)[0]
    assignment = services.assignment_add(application=app, reviewer=person, by=manager)
    services.review_submit(
        assignment=assignment, by=person, scores=scores_for(rubric_cohort, 5, 10), comment="A"
    )
    review = services.review_submit(
        assignment=assignment, by=person, scores=scores_for(rubric_cohort, 2, 2), comment="B"
    )
    assert Review.objects.count() == 1 and ReviewScore.objects.count() == 2
    review.refresh_from_db()
    # Weighted mean: (2*2 + 1*2) / 3 = 2.00.
    assert review.comment == "B" and review.total == Decimal("2.00")
    assert review.times_submitted == 2
    assert Application.objects.get(pk=app.pk).score == Decimal("2.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(
            assignment=assignment,
            application=app,
            reviewer=person,
            submitted_at=review.submitted_at,
            updated_at=review.updated_at,
        )


@pytest.mark.parametrize("leadership,motivation", [(6, 5), (0, 5), (3, 11), (3, -1), ("x", 3)])
def test_scores_outside_the_rubric_range_are_refused(
    rubric_cohort, manager, leadership, motivation
):
    person = reviewer()
    app = applications(rubric_cohort, 1)[0]
    assignment = services.assignment_add(application=app, reviewer=person, by=manager)
    with pytest.raises(RubricError) as exc:
        services.review_submit(
            assignment=assignment,
            by=person,
            scores=scores_for(rubric_cohort, leadership, motivation),
        )
    assert exc.value.code == "score_range"
    assert "from 1 to 5" in exc.value.message or "from 0 to 10" in exc.value.message
    assert not Review.objects.exists()


def test_database_refuses_a_score_outside_its_range(rubric_cohort, manager):
    person = reviewer()
    app = applications(rubric_cohort, 1)[0]
    assignment = services.assignment_add(application=app, reviewer=person, by=manager)
    review = services.review_submit(
        assignment=assignment, by=person, scores=scores_for(rubric_cohort, 3, 3)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewScore.objects.create(
            review=review, criterion="other", value=9, range_min=1, range_max=5
        )


def test_only_the_assigned_reviewer_reviews(rubric_cohort, manager):
    person, other = reviewer(), reviewer()
    app = applications(rubric_cohort, 1)[0]
    assignment = services.assignment_add(application=app, reviewer=person, by=manager)
    with pytest.raises(CohortsNotAllowed) as exc:
        services.review_submit(
            assignment=assignment, by=other, scores=scores_for(rubric_cohort, 3, 3)
        )
    assert exc.value.status == 404


def test_weighted_mean_spread_and_disagreement(rubric_cohort, manager, client):
    people = [reviewer(user={"name": f"R{i}"}) for i in range(2)]
    app = applications(rubric_cohort, 1)[0]
    for person, marks in zip(people, [(5, 10), (1, 0)], strict=True):
        assignment = services.assignment_add(application=app, reviewer=person, by=manager)
        services.review_submit(
            assignment=assignment,
            by=person,
            scores=scores_for(rubric_cohort, *marks),
            comment=f"by {person.name}",
        )
    summary = selectors.review_summaries([app.pk], rubric_cohort)[app.pk]
    # Totals: (2*5 + 10)/3 = 6.67 and (2*1 + 0)/3 = 0.67.
    assert summary["mean"] == Decimal("3.67") and summary["spread"] == Decimal("6.00")
    assert summary["count"] == 2 and summary["assigned"] == 2 and summary["disagreement"]
    client.force_login(manager)
    desk = client.get(reverse("cohorts_admin_cohort", args=[rubric_cohort.pk])).content.decode()
    assert "3.67" in desk and "Reviewers disagree" in desk and "2 of 2" in desk
    detail = client.get(reverse("cohorts_admin_application", args=[app.pk])).content.decode()
    assert "by R0" in detail and "by R1" in detail and "6.00" in detail


def test_legacy_notes_stay_visible_to_staff(cohort, member, submit, manager, client):
    app = submit(cohort, member)
    services.review_note_add(application=app, by=manager, text="Old note kept", score=4)
    client.force_login(manager)
    html = client.get(reverse("cohorts_admin_application", args=[app.pk])).content.decode()
    assert "Legacy notes" in html and "Old note kept" in html


# -- the reviewer's screens -----------------------------------------------------------------
def _assigned(cohort, manager, person, count):
    apps = applications(cohort, count)
    for app in apps:
        services.assignment_add(application=app, reviewer=person, by=manager)
    return apps


def test_queue_progress_unscored_first_and_next(rubric_cohort, manager, client):
    person = reviewer()
    apps = _assigned(rubric_cohort, manager, person, 3)
    first = ReviewAssignment.objects.get(application=apps[0], reviewer=person)
    services.review_submit(assignment=first, by=person, scores=scores_for(rubric_cohort, 4, 4))
    client.force_login(person)
    url = reverse("cohorts_admin_queue", args=[rubric_cohort.pk])
    html = client.get(url).content.decode()
    assert "1 of 3 reviewed" in html
    order = [a.application_id for a in selectors.review_queue(person, rubric_cohort)]
    assert order == [apps[1].pk, apps[2].pk, apps[0].pk]
    assert client.get(url, {"state": "reviewed"}).context["page_obj"].paginator.count == 1
    for params in [{"state": "nonsense"}, {"region": "<script>"}, {"page": "-3"}, {"sector": "x"}]:
        assert client.get(url, params).status_code == 200
    # Submitting from the review screen goes on to the next unscored application.
    second = ReviewAssignment.objects.get(application=apps[1], reviewer=person)
    ids = [c["id"] for c in rubric_cohort.criteria_list()]
    response = client.post(
        reverse("cohorts_admin_review", args=[second.pk]),
        {f"score_{ids[0]}": "5", f"score_{ids[1]}": "8", "comment": "Clear plan"},
    )
    third = ReviewAssignment.objects.get(application=apps[2], reviewer=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("cohorts_admin_review", args=[third.pk])
    assert "2 of 3 reviewed" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "posted,message",
    [
        ({"a": "9", "b": "5"}, "Give a whole number from 1 to 5."),
        ({"a": "3", "b": "11"}, "Give a whole number from 0 to 10."),
        ({"a": "three", "b": "5"}, "Give a whole number from 1 to 5."),
        ({"b": "5"}, "Give a whole number from 1 to 5."),
    ],
)
def test_review_screen_answers_bad_scores_with_a_message(
    rubric_cohort, manager, client, posted, message
):
    person = reviewer()
    _assigned(rubric_cohort, manager, person, 1)
    assignment = ReviewAssignment.objects.get()
    ids = dict(zip("ab", [c["id"] for c in rubric_cohort.criteria_list()], strict=True))
    client.force_login(person)
    response = client.post(
        reverse("cohorts_admin_review", args=[assignment.pk]),
        {f"score_{ids[k]}": v for k, v in posted.items()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Review.objects.exists()


def test_reviewers_see_only_their_assignments(rubric_cohort, manager, client):
    person, other = reviewer(), reviewer()
    mine = _assigned(rubric_cohort, manager, person, 1)[0]
    theirs = applications(rubric_cohort, 1)[-1]
    services.assignment_add(application=theirs, reviewer=other, by=manager)
    their_assignment = ReviewAssignment.objects.get(reviewer=other)
    client.force_login(person)
    assert _status(client, reverse("cohorts_admin_review", args=[their_assignment.pk])) == 404
    assert _status(client, reverse("cohorts_admin_application", args=[theirs.pk])) == 404
    # Their own application detail takes them to their review of it.
    response = client.get(reverse("cohorts_admin_application", args=[mine.pk]))
    assert response["Location"] == reverse(
        "cohorts_admin_review", args=[ReviewAssignment.objects.get(reviewer=person).pk]
    )
    assert list(selectors.applications_visible_to(person)) == [mine]
    assert _status(client, reverse("cohorts_admin_review", args=[99999999])) == 404
    assert _status(client, "/admin/cohort-review/review/abc/") == 404
    # The staff desk, assignments and bulk moves are not theirs.
    for name in ("cohorts_admin_cohort", "cohorts_admin_assignments", "cohorts_admin_bulk_move"):
        assert client.get(reverse(name, args=[rubric_cohort.pk])).status_code in {302, 403}


@pytest.mark.parametrize("blind", [True, False])
def test_blind_review_hides_who_applied(rubric_cohort, manager, client, blind):
    cohort = with_rubric(
        rubric_cohort,
        blind_review=blind,
        questions=[
            (
                "question",
                {
                    "kind": "short_text",
                    "label": "Your employer's name",
                    "tag": "identifying",
                    "required": False,
                },
            ),
            ("question", {"kind": "short_text", "label": "Your plan", "required": False}),
        ],
    )
    ids = [q["id"] for q in cohort.question_list()]
    person = reviewer()
    app = applications(cohort, 1, organisation="Transparency Desk")[0]
    Application.objects.filter(pk=app.pk).update(
        applicant_name="Zora Applicant", answers={ids[0]: "ACME-EMPLOYER", ids[1]: "PLAN-TEXT"}
    )
    services.assignment_add(application=app, reviewer=person, by=manager)
    assignment = ReviewAssignment.objects.get()
    client.force_login(person)
    html = client.get(reverse("cohorts_admin_review", args=[assignment.pk])).content.decode()
    queue = client.get(reverse("cohorts_admin_queue", args=[cohort.pk])).content.decode()
    assert "PLAN-TEXT" in html
    for secret in ("Zora Applicant", "Transparency Desk", "ACME-EMPLOYER"):
        assert (secret in html) is not blind, secret
    assert ("Zora Applicant" in queue) is not blind


OK, NO, GONE = "shown", "refused", "not found"


@pytest.mark.parametrize(
    "who,queue,review,desk,assign",
    [
        ("anonymous", NO, NO, NO, NO),
        ("member", NO, NO, NO, NO),
        ("editor", NO, NO, NO, NO),
        ("assigned reviewer", OK, OK, NO, NO),
        ("other reviewer", OK, GONE, NO, NO),
        ("programme staff", OK, GONE, OK, OK),
    ],
)
def test_access_table(rubric_cohort, manager, editor, client, who, queue, review, desk, assign):
    person = reviewer()
    _assigned(rubric_cohort, manager, person, 1)
    assignment = ReviewAssignment.objects.get()
    users = {
        "member": UserFactory(),
        "editor": editor,
        "assigned reviewer": person,
        "other reviewer": reviewer(),
        "programme staff": manager,
    }
    if who in users:
        client.force_login(users[who])

    def outcome(name, arg):
        code = _status(client, reverse(name, args=[arg]))
        return {200: OK, 404: GONE}.get(code, NO if code in {302, 403} else code)

    got = [
        outcome("cohorts_admin_queue", rubric_cohort.pk),
        outcome("cohorts_admin_review", assignment.pk),
        outcome("cohorts_admin_cohort", rubric_cohort.pk),
        outcome("cohorts_admin_assignments", rubric_cohort.pk),
    ]
    assert got == [queue, review, desk, assign]


# -- staff's screens ------------------------------------------------------------------------
def test_assignment_screen_auto_and_by_hand(rubric_cohort, manager, client):
    people = [reviewer(user={"name": f"Rev {i}"}) for i in range(3)]
    apps = applications(rubric_cohort, 4)
    client.force_login(manager)
    url = reverse("cohorts_admin_assignments", args=[rubric_cohort.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"action": "auto", "per_application": "2", "reviewers": [p.pk for p in people]}
    )
    assert response.status_code == 200 and "8 assignments made." in response.content.decode()
    assert ReviewAssignment.objects.count() == 8
    # Nonsense is answered with a message, never a 500.
    for data in [
        {"action": "auto", "per_application": "zero", "reviewers": [people[0].pk]},
        {"action": "auto", "per_application": "2", "reviewers": ["abc"]},
        {"action": "auto", "per_application": "2"},
        {"action": "assign", "application": "x", "reviewer": people[0].pk},
        {"action": "assign", "application": apps[0].pk, "reviewer": "99999999"},
        {"action": "unassign", "assignment": "abc"},
        {"action": "explode"},
    ]:
        response = client.post(url, data, follow=True)
        assert response.status_code == 400, data
        assert "error" in response.content.decode()
    assignment = ReviewAssignment.objects.filter(application=apps[0]).first()
    response = client.post(url, {"action": "unassign", "assignment": assignment.pk})
    assert (
        response.status_code == 302
        and not ReviewAssignment.objects.filter(pk=assignment.pk).exists()
    )
    response = client.post(
        url, {"action": "assign", "application": apps[0].pk, "reviewer": assignment.reviewer_id}
    )
    assert response.status_code == 302
    assert ReviewAssignment.objects.filter(application=apps[0]).count() == 2


def test_bulk_move_by_filter_with_confirmation(rubric_cohort, manager, client):
    people = [reviewer()]
    apps = applications(rubric_cohort, 5)
    Application.objects.filter(pk=apps[4].pk).update(region="europe")
    services.assign_automatically(
        cohort=rubric_cohort, per_application=1, reviewers=people, by=manager
    )
    for app, marks in zip(apps, [(5, 10), (4, 9), (2, 2), (1, 0), (5, 10)], strict=True):
        assignment = ReviewAssignment.objects.get(application=app)
        services.review_submit(
            assignment=assignment, by=people[0], scores=scores_for(rubric_cohort, *marks)
        )
    client.force_login(manager)
    url = reverse("cohorts_admin_bulk_move", args=[rubric_cohort.pk])
    params = {"min_score": "4", "region": "africa_middle_east", "to_status": "shortlisted"}
    page = client.get(url, params)
    assert page.status_code == 200
    assert "2 applications will move to “Shortlisted”." in page.content.decode()
    assert not Application.objects.filter(status=S.SHORTLISTED).exists()
    response = client.post(url, {**params, "sector": "", "status": "", "confirm": "1"})
    assert response.status_code == 302
    moved = set(Application.objects.filter(status=S.SHORTLISTED).values_list("pk", flat=True))
    assert moved == {apps[0].pk, apps[1].pk}
    for bad in [
        {"min_score": "lots", "to_status": "shortlisted"},
        {"to_status": "draft"},
        {"to_status": "shortlisted", "region": "mars"},
    ]:
        response = client.get(url, bad)
        assert response.status_code == 400 and "error-message" in response.content.decode()
    assert client.get(url).status_code == 200


# -- bounded queries at 1,000 applications ------------------------------------------------
def test_queue_costs_a_bounded_number_of_queries_at_1000(
    rubric_cohort, manager, client, django_assert_max_num_queries
):
    person = reviewer()
    client.force_login(person)
    url = reverse("cohorts_admin_queue", args=[rubric_cohort.pk])

    def assign_all():
        ReviewAssignment.objects.bulk_create(
            [
                ReviewAssignment(application=a, reviewer=person, created_at=a.submitted_at)
                for a in Application.objects.filter(cohort=rubric_cohort)
                if not ReviewAssignment.objects.filter(application=a).exists()
            ]
        )

    applications(rubric_cohort, 10)
    assign_all()
    with django_assert_max_num_queries(80) as small:
        response = client.get(url)
    assert "0 of 10 reviewed" in response.content.decode()
    applications(rubric_cohort, 990)
    assign_all()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert "0 of 1000 reviewed" in response.content.decode()


def test_desk_and_assignments_bounded_at_two_sizes(
    rubric_cohort, manager, client, django_assert_max_num_queries
):
    people = [reviewer() for _ in range(3)]
    client.force_login(manager)
    desk = reverse("cohorts_admin_cohort", args=[rubric_cohort.pk])
    screen = reverse("cohorts_admin_assignments", args=[rubric_cohort.pk])
    applications(rubric_cohort, 3)
    services.assign_automatically(
        cohort=rubric_cohort, per_application=2, reviewers=people, by=manager
    )
    with django_assert_max_num_queries(80) as small_desk:
        client.get(desk)
    with django_assert_max_num_queries(80) as small_screen:
        client.get(screen)
    applications(rubric_cohort, 60)
    services.assign_automatically(
        cohort=rubric_cohort, per_application=2, reviewers=people, by=manager
    )
    with django_assert_max_num_queries(len(small_desk.captured_queries)):
        client.get(desk)
    with django_assert_max_num_queries(len(small_screen.captured_queries)):
        client.get(screen)
