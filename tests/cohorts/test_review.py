"""Review: every status transition, who may make it, and what each role can see."""

import itertools

from django.urls import reverse

import pytest

from cohorts import selectors, services
from cohorts.errors import CohortsNotAllowed, ReviewError
from cohorts.models import Application, ApplicationStatus, ReviewNote
from community.factories import UserFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus

ALLOWED = {
    (S.SUBMITTED, S.UNDER_REVIEW),
    (S.SUBMITTED, S.DECLINED),
    (S.UNDER_REVIEW, S.SHORTLISTED),
    (S.UNDER_REVIEW, S.WAITLISTED),
    (S.UNDER_REVIEW, S.DECLINED),
    (S.SHORTLISTED, S.UNDER_REVIEW),
    (S.SHORTLISTED, S.ACCEPTED),
    (S.SHORTLISTED, S.WAITLISTED),
    (S.SHORTLISTED, S.DECLINED),
    (S.WAITLISTED, S.SHORTLISTED),
    (S.WAITLISTED, S.ACCEPTED),
    (S.WAITLISTED, S.DECLINED),
    (S.ACCEPTED, S.SHORTLISTED),
    (S.ACCEPTED, S.WAITLISTED),
    (S.ACCEPTED, S.DECLINED),
    (S.DECLINED, S.SHORTLISTED),
    (S.DECLINED, S.WAITLISTED),
    (S.DECLINED, S.ACCEPTED),
}


@pytest.mark.parametrize(("source", "target"), list(itertools.permutations(S.values, 2)))
def test_every_transition_by_a_reviewer(cohort, member, reviewer, submit, source, target):
    application = submit(cohort, member)
    Application.objects.filter(pk=application.pk).update(status=source)
    if (source, target) in ALLOWED:
        services.application_transition(application=application, to_status=target, by=reviewer)
        application.refresh_from_db()
        assert application.status == target
    else:
        with pytest.raises(ReviewError) as exc:
            services.application_transition(application=application, to_status=target, by=reviewer)
        assert exc.value.code == "transition"
        application.refresh_from_db()
        assert application.status == source


@pytest.mark.parametrize("who", ["applicant", "other_member", "editor", "anonymous"])
def test_only_reviewers_move_statuses(cohort, member, submit, editor, who):
    from django.contrib.auth.models import AnonymousUser

    application = submit(cohort, member)
    actor = {
        "applicant": member,
        "other_member": UserFactory(),
        "editor": editor,
        "anonymous": AnonymousUser(),
    }[who]
    with pytest.raises(CohortsNotAllowed) as exc:
        services.application_transition(application=application, to_status=S.UNDER_REVIEW, by=actor)
    assert exc.value.code == "not_reviewer" and exc.value.status == 403
    with pytest.raises(CohortsNotAllowed) as exc:
        services.review_note_add(application=application, by=actor, text="x", score=3)
    assert exc.value.code == "not_reviewer"
    with pytest.raises(CohortsNotAllowed) as exc:
        services.decisions_release(cohort=cohort, by=actor, override=True)
    assert exc.value.code == "not_manager"
    assert not ReviewNote.objects.exists()


def test_withdrawn_only_by_the_applicant(cohort, member, reviewer, submit):
    application = submit(cohort, member)
    with pytest.raises(ReviewError) as exc:
        services.application_transition(application=application, to_status=S.WITHDRAWN, by=reviewer)
    assert exc.value.code == "transition"
    with pytest.raises(CohortsNotAllowed) as exc:
        services.application_withdraw(application=application, member=reviewer)
    assert exc.value.code == "not_yours"
    services.application_withdraw(application=application, member=member)
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    # Withdrawn is final for reviewers too.
    assert services.allowed_transitions(application, reviewer) == []


def test_draft_is_not_reviewable(cohort, member, reviewer):
    application = services.application_start(cohort=cohort, member=member)
    with pytest.raises(ReviewError):
        services.application_transition(
            application=application, to_status=S.UNDER_REVIEW, by=reviewer
        )
    assert application not in selectors.applications_visible_to(reviewer)


def _shortlisted(cohort, submit, n):
    apps = []
    for _ in range(n):
        application = submit(cohort, UserFactory())
        Application.objects.filter(pk=application.pk).update(status=S.SHORTLISTED)
        apps.append(application)
    return apps


def test_accepting_beyond_places_needs_an_explicit_override(cohort, submit, reviewer, manager):
    apps = _shortlisted(cohort, submit, 4)  # the factory's cohort has 3 places
    for application in apps[:3]:
        services.application_transition(application=application, to_status=S.ACCEPTED, by=reviewer)
    with pytest.raises(ReviewError) as exc:
        services.application_transition(application=apps[3], to_status=S.ACCEPTED, by=reviewer)
    assert exc.value.code == "full"
    assert "3 places" in exc.value.message
    # A reviewer's override is not enough; programme staff's is.
    with pytest.raises(ReviewError) as exc:
        services.application_transition(
            application=apps[3], to_status=S.ACCEPTED, by=reviewer, override=True
        )
    assert exc.value.code == "full"
    with pytest.raises(ReviewError) as exc:
        services.application_transition(application=apps[3], to_status=S.ACCEPTED, by=manager)
    assert exc.value.code == "full"
    services.application_transition(
        application=apps[3], to_status=S.ACCEPTED, by=manager, override=True
    )
    assert Application.objects.filter(status=S.ACCEPTED).count() == 4


def test_bulk_decisions_report_each_failure(cohort, submit, reviewer):
    apps = _shortlisted(cohort, submit, 5)
    result = services.applications_bulk_transition(
        applications=apps, to_status=S.ACCEPTED, by=reviewer
    )
    assert result.done == 3
    assert len(result.errors) == 2


def test_notes_and_average_score(cohort, member, submit, reviewer, manager):
    application = submit(cohort, member)
    services.review_note_add(application=application, by=reviewer, text="Strong", score=4)
    services.review_note_add(application=application, by=manager, text="Good", score=5)
    application.refresh_from_db()
    assert float(application.score) == 4.5
    with pytest.raises(ReviewError) as exc:
        services.review_note_add(application=application, by=reviewer, score=9)
    assert exc.value.code == "score"


# ---------------------------------------------------------------------------
# What each role sees
# ---------------------------------------------------------------------------
def test_applicant_never_sees_another_application_or_notes(
    client, cohort, member, other_member, submit, reviewer
):
    mine = submit(cohort, member)
    theirs = submit(cohort, other_member, organisation="Other Org")
    services.review_note_add(application=mine, by=reviewer, text="SECRET-NOTE", score=2)
    client.force_login(member)
    for url in [
        reverse("cohorts:my_applications"),
        reverse("cohorts:apply", args=[cohort.pk]),
        cohort.url,
    ]:
        html = client.get(url).content.decode()
        assert "SECRET-NOTE" not in html
        assert "Other Org" not in html
        assert "2.00" not in html
    # The admin screens are closed to members.
    for url in [
        reverse("cohorts_admin_application", args=[theirs.pk]),
        reverse("cohorts_admin_cohort", args=[cohort.pk]),
        reverse("wagtailadmin_home") + "cohort-applications/",
    ]:
        assert client.get(url).status_code in {302, 403}
    assert selectors.applications_visible_to(member).count() == 0


def test_editor_without_reviewer_role_sees_no_applications(client, cohort, member, submit, editor):
    application = submit(cohort, member)
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert selectors.applications_visible_to(editor).count() == 0
    for url in [
        "/admin/cohort-applications/",
        reverse("cohorts_admin_index"),
        reverse("cohorts_admin_cohort", args=[cohort.pk]),
        reverse("cohorts_admin_application", args=[application.pk]),
        reverse("cohorts_admin_export", args=[cohort.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Cohort applications" not in home
    assert "Cohort review" not in home


def test_programme_staff_see_list_detail_and_balance(
    client, cohort, member, submit, reviewer, manager
):
    application = submit(cohort, member, organisation="Ministry of Finance")
    services.review_note_add(application=application, by=reviewer, text="Promising", score=4)
    client.force_login(manager)
    html = client.get(reverse("cohorts_admin_cohort", args=[cohort.pk])).content.decode()
    assert member.name in html
    assert "Balanced selection" in html
    detail = client.get(reverse("cohorts_admin_application", args=[application.pk]))
    assert "Promising" in detail.content.decode()
    assert "Ministry of Finance" in detail.content.decode()
    assert client.get("/admin/cohort-applications/").status_code == 200


def test_review_screen_filters_and_bad_input(client, cohort, member, other_member, submit, manager):
    submit(cohort, member, country="KE")
    submit(cohort, other_member, country="FR", sector="civil_society")
    client.force_login(manager)
    url = reverse("cohorts_admin_cohort", args=[cohort.pk])
    html = client.get(url, {"country": "FR"}).content.decode()
    assert other_member.name in html and member.name not in html
    html = client.get(url, {"region": "africa_middle_east"}).content.decode()
    assert member.name in html and other_member.name not in html
    for params in [{"status": "nonsense"}, {"page": "-1"}, {"page": "999999"}, {"theme": "x"}]:
        assert client.get(url, params).status_code == 200
    assert client.get(reverse("cohorts_admin_cohort", args=[999999])).status_code in {302, 404}


def test_review_screen_bulk_post(client, cohort, submit, reviewer, manager):
    apps = _shortlisted(cohort, submit, 2)
    client.force_login(manager)
    url = reverse("cohorts_admin_cohort", args=[cohort.pk])
    response = client.post(url, {"applications": [a.pk for a in apps], "to_status": "accepted"})
    assert response.status_code == 302
    assert Application.objects.filter(status=S.ACCEPTED).count() == 2


def test_review_screen_query_count_is_bounded(
    client, cohort, submit, reviewer, manager, django_assert_max_num_queries
):
    _shortlisted(cohort, submit, 2)
    client.force_login(manager)
    url = reverse("cohorts_admin_cohort", args=[cohort.pk])
    with django_assert_max_num_queries(60) as small:
        client.get(url)
    _shortlisted(cohort, submit, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_export_neutralises_formulas(client, cohort, submit, reviewer, manager):
    from home.exports import neutralise

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("+1") == "'+1" and neutralise("-1") == "'-1" and neutralise("@x") == "'@x"
    assert neutralise("Plain") == "Plain"
    member = UserFactory(name="=cmd|' /C calc'!A0")
    application = submit(cohort, member, organisation="@SUM(A1)")
    question_id = cohort.question_list()[0]["id"]
    Application.objects.filter(pk=application.pk).update(answers={question_id: "+danger"})
    client.force_login(manager)
    response = client.get(reverse("cohorts_admin_export", args=[cohort.pk]))
    body = b"".join(response.streaming_content).decode()
    assert "'=cmd" in body and "'@SUM(A1)" in body and "'+danger" in body
    for line in body.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "-", "@"))
    # The viewset export (all applications) neutralises too.
    response = client.get("/admin/cohort-applications/?export=csv")
    body = b"".join(response.streaming_content).decode()
    assert "'=cmd" in body and "'@SUM(A1)" in body


def test_review_notes_are_not_in_the_member_data_download(cohort, member, submit, reviewer):
    from community.signals import collect_member_data

    application = submit(cohort, member)
    services.review_note_add(application=application, by=reviewer, text="SECRET", score=1)
    sections = dict(r for _, r in collect_member_data.send(sender=None, user=member))
    assert "SECRET" not in str(sections["cohorts"])
    assert sections["cohorts"]["applications"][0]["status"] == "submitted"
    assert ReviewNote.objects.count() == 1


def test_editor_sees_no_applicant_in_the_site_history(client, cohort, member, submit, reviewer):
    from django.contrib.auth.models import Group, Permission

    application = submit(cohort, member)
    services.application_transition(application=application, to_status=S.UNDER_REVIEW, by=reviewer)
    editor = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name="Editors")
    editor.groups.add(group)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/reports/site-history/")
    assert member.name not in response.content.decode()
    client.force_login(reviewer)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
