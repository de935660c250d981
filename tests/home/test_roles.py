"""Every role against every staff action (docs/roles.md), through the real screen or service.

Each test builds one small world, then tries its actions as every role and compares the
whole table at once, so a failure lists every cell that changed. A cell is True when the
action went through (the screen answered 200, the service did not refuse), False when it
was refused (403/404, a redirect to sign in, the service's permission error).
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from community.factories import StaffFactory, UserFactory, make_member
from community.models import Visibility
from home.errors import NotAllowed, ServiceError
from home.permissions import declared_groups, ensure_groups

pytestmark = pytest.mark.django_db

GROUP_ROLES = [
    "Editors",
    "Moderators",
    "Cohort reviewers",
    "Programme staff",
    "Award managers",
    "Jurors",
    "Event staff",
    "Community moderators",
    "Group managers",
    "API managers",
]
ROLES = ["anonymous", "member", "is_staff only", *GROUP_ROLES, "superuser"]


def make_role(role):
    if role == "anonymous":
        return None
    if role == "member":
        return UserFactory()
    if role == "is_staff only":
        return UserFactory(is_staff=True)
    if role == "superuser":
        return StaffFactory()
    user = UserFactory()
    user.groups.add(ensure_groups()[role])
    return user


@pytest.fixture
def people(db):
    return {role: make_role(role) for role in ROLES}


def only(*roles) -> dict:
    return {role: role in roles for role in ROLES}


def as_role(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def answered(response) -> bool:
    """The screen did the thing (200), rather than refusing or sending to sign in."""
    return response.status_code == 200


def went_through(call) -> bool:
    try:
        call()
    except (PermissionDenied, NotAllowed):
        return False
    except (ServiceError, ValidationError):
        return True  # allowed, refused on the merits (no winner yet, ...)
    return True


def table(people, action) -> dict:
    return {role: action(user) for role, user in people.items()}


def assert_table(got: dict, expected: dict):
    wrong = {role: got[role] for role in expected if got[role] != expected[role]}
    assert not wrong, f"roles whose answer differs from docs/roles.md: {wrong}"


# ---------------------------------------------------------------------------
# Every group in docs/roles.md is seeded, with admin access where it uses the admin
# ---------------------------------------------------------------------------
def test_every_documented_group_is_seeded_and_documented():
    from django.contrib.auth.models import Group

    assert set(declared_groups()) == set(GROUP_ROLES)
    seeded = {g.name: g for g in Group.objects.filter(name__in=GROUP_ROLES)}
    assert set(seeded) == set(GROUP_ROLES), "post_migrate creates every group"
    roles_doc = (Path(settings.BASE_DIR) / "docs" / "roles.md").read_text()
    for name in GROUP_ROLES:
        assert f"| {name} |" in roles_doc
    assert not seeded["Jurors"].permissions.filter(codename="access_admin").exists()


def test_reach_the_wagtail_admin(client, people):
    got = table(people, lambda user: answered(as_role(client, user).get("/admin/")))
    assert_table(
        got,
        {
            **only(*GROUP_ROLES, "superuser"),
            "Jurors": False,
        },
    )


# ---------------------------------------------------------------------------
# Cohorts
# ---------------------------------------------------------------------------
def test_cohort_actions(client, site, people):
    from cohorts import services
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory

    programme = ProgrammePageFactory(parent=site.root_page.specific, slug="leadership")
    cohort = CohortPageFactory(parent=programme, slug="open-cohort")
    base = f"/admin/cohort-review/{cohort.pk}/"
    reviewers = only("Cohort reviewers", "Programme staff", "superuser")
    managers = only("Programme staff", "superuser")

    def review(user):
        return answered(as_role(client, user).get(base))

    def export(user):
        response = as_role(client, user).get(f"{base}export.csv")
        return answered(response) and response["Content-Type"].startswith("text/csv")

    def release(user):
        screen = answered(as_role(client, user).get(f"{base}release/"))
        service = went_through(
            lambda: services.decisions_release(
                cohort=cohort, by=user or AnonymousUser(), override=True
            )
        )
        assert screen == service, "the release screen and service agree"
        return service

    def participants(user):
        return answered(as_role(client, user).get(f"{base}participants/"))

    def queue(user):
        return answered(as_role(client, user).get(f"{base}queue/"))

    def assign(user):
        return answered(as_role(client, user).get(f"{base}assignments/"))

    # Reviewers have their queue; the desk with every application is programme staff's.
    assert_table(table(people, queue), reviewers)
    assert_table(table(people, review), managers)
    assert_table(table(people, export), managers)
    assert_table(table(people, assign), managers)
    assert_table(table(people, release), managers)
    assert_table(table(people, participants), managers)


# ---------------------------------------------------------------------------
# Awards
# ---------------------------------------------------------------------------
@pytest.fixture
def awards_world(site, settings, tmp_path, people):
    from decimal import Decimal

    from awards import services
    from awards.factories import (
        AwardCategoryFactory,
        AwardCriterionFactory,
        AwardIndexPageFactory,
        AwardProgrammePageFactory,
    )
    from awards.models import AwardProgrammePage, ConflictOfInterest
    from tests.awards.conftest import nominate, png_upload, set_phase

    settings.AWARDS_PRIVATE_ROOT = tmp_path / "private"
    index = AwardIndexPageFactory(parent=site.root_page, slug="awards")
    page = AwardProgrammePageFactory(parent=index, slug="ogawards-2026")
    AwardCategoryFactory(page=page, name="Open data in action")
    AwardCriterionFactory(page=page, name="Impact", weight=Decimal("1"))
    programme = set_phase(AwardProgrammePage.objects.get(pk=page.pk), "nominations")
    nomination = nominate(programme, UserFactory(), files=[png_upload()])
    juror, conflicted = UserFactory(), UserFactory()
    for user in (juror, conflicted):
        role = services.juror_appoint(programme=programme, user=user)
        services.juror_assign(role=role, category=nomination.category)
    conflict = services.conflict_declare(juror=conflicted, nomination=nomination)
    assert conflict.status == ConflictOfInterest.Status.CONFIRMED
    programme = set_phase(programme, "judging")
    nomination.refresh_from_db()
    # An assigned juror: appointing them put them in the Jurors group.
    people["juror (assigned)"] = juror
    return {"programme": programme, "nomination": nomination, "conflict": conflict}


def test_award_actions(client, awards_world, people):
    from awards import services

    programme = awards_world["programme"]
    nomination = awards_world["nomination"]
    attachment = nomination.attachments.get()
    criterion = programme.localized_criteria()[0]
    managers = only("Award managers", "superuser")

    def read_file(user):
        return answered(as_role(client, user).get(f"/en/award/attachments/{attachment.pk}/"))

    def score(user):
        return went_through(
            lambda: services.scores_submit(
                juror=user or AnonymousUser(),
                nomination=nomination,
                values={criterion.pk: (3, "")},
            )
        )

    def decide_conflict(user):
        return went_through(
            lambda: services.conflict_decide(
                conflict=awards_world["conflict"], by=user or AnonymousUser(), confirm=True
            )
        )

    def publish(user):
        desk = answered(as_role(client, user).get(f"/admin/award-results/{programme.pk}/"))
        service = went_through(
            lambda: services.results_publish(programme=programme, by=user or AnonymousUser())
        )
        assert desk == service, "the results desk and the publish service agree"
        return service

    with_juror = {**managers, "juror (assigned)": True}
    assert_table(table(people, read_file), with_juror)
    assert_table(table(people, score), {**only(), "juror (assigned)": True})
    assert_table(table(people, decide_conflict), {**managers, "juror (assigned)": False})
    assert_table(table(people, publish), {**managers, "juror (assigned)": False})


def test_a_juror_taken_out_of_the_jurors_group_can_no_longer_score(awards_world, people):
    from django.contrib.auth import get_user_model

    from awards import permissions

    juror = people["juror (assigned)"]
    nomination = awards_world["nomination"]
    assert permissions.can_score(juror, nomination)
    juror.groups.clear()
    fresh = get_user_model().objects.get(pk=juror.pk)  # a new request: no cached permissions
    assert not permissions.can_score(fresh, nomination)
    assert not permissions.can_read_nomination(fresh, nomination)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------
def test_event_actions(client, site, people):
    from events import services
    from events.factories import EventIndexPageFactory, EventPageFactory
    from events.models import RegistrationStatus

    index = EventIndexPageFactory(parent=site.root_page.specific, slug="events")
    event = EventPageFactory(parent=index, slug="webinar", capacity=100)
    event.save_revision().publish()
    staff = only("Event staff", "superuser")

    def fresh_registration():
        return services.registration_create(event=event, user=UserFactory()).registration

    def check_in(user):
        registration = fresh_registration()
        screen = answered(
            as_role(client, user).get(f"/admin/event-registrations/{event.pk}/check-in/")
        )
        as_role(client, user).post(
            f"/admin/event-registrations/registration/{registration.pk}/check-in/"
        )
        registration.refresh_from_db()
        assert screen == (registration.attended_at is not None)
        return screen

    def cancel(user):
        registration = fresh_registration()
        response = as_role(client, user).post(
            f"/admin/event-registrations/registration/{registration.pk}/cancel/"
        )
        registration.refresh_from_db()
        cancelled = registration.status == RegistrationStatus.CANCELLED
        # Allowed: cancelled, or (behind a confirmation step) the confirmation page.
        return cancelled or response.status_code == 200

    def message(user):
        return answered(
            as_role(client, user).get(f"/admin/event-registrations/{event.pk}/message/")
        )

    def export(user):
        response = as_role(client, user).get(
            f"{reverse('events_registration:index')}?event={event.pk}&export=csv"
        )
        return answered(response) and "csv" in response["Content-Type"]

    assert_table(table(people, check_in), staff)
    assert_table(table(people, cancel), staff)
    assert_table(table(people, message), staff)
    assert_table(table(people, export), staff)


# ---------------------------------------------------------------------------
# Community
# ---------------------------------------------------------------------------
def test_community_actions(client, site, people):
    hidden = make_member(visibility=Visibility.HIDDEN)
    moderators = only("Community moderators", "superuser")

    def see_hidden(user):
        return answered(as_role(client, user).get(f"/en/community/members/{hidden.profile.pk}/"))

    def reveal_email(user):
        return answered(
            as_role(client, user).get(
                f"/admin/community/profiles/{hidden.profile.pk}/reveal-email/"
            )
        )

    assert_table(table(people, see_hidden), moderators)
    assert_table(table(people, reveal_email), moderators)


# ---------------------------------------------------------------------------
# Messaging
# ---------------------------------------------------------------------------
def test_messaging_moderation(client, site, people):
    from messaging.models import Report

    report = Report.objects.create(reason="spam", created_at=timezone.now())

    def act_on_reports(user):
        client_ = as_role(client, user)
        return answered(client_.get("/admin/reported-messages/")) and answered(
            client_.get(f"/admin/reported-messages/{report.pk}/dismiss/")
        )

    assert_table(table(people, act_on_reports), only("Community moderators", "superuser"))


# ---------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------
def test_story_approval(site, people):
    from wagtail.models import WorkflowState

    from content import permissions, services
    from content.factories import StoryIndexPageFactory

    index = StoryIndexPageFactory(parent=site.root_page.specific)
    story = services.story_propose(
        author=UserFactory(), index=index, title="Our open budget", summary="s", body="b"
    )
    task_state = WorkflowState.objects.get(object_id=str(story.pk)).current_task_state
    task = task_state.task.specific

    def approve(user):
        wagtail_offers = any(
            name == "approve" for name, *_rest in task.get_actions(story, user or AnonymousUser())
        )
        assert wagtail_offers == permissions.can_moderate_stories(user)
        return wagtail_offers

    assert_table(table(people, approve), only("Editors", "Moderators", "superuser"))


# ---------------------------------------------------------------------------
# Surveys
# ---------------------------------------------------------------------------
def test_survey_actions(client, site, people):
    from community.factories import make_member
    from surveys.factories import SurveyFactory
    from surveys.models import SurveyRound

    survey = SurveyFactory()
    make_member()

    def build(user):
        return answered(as_role(client, user).get(reverse("wagtailsnippets_surveys_survey:add")))

    def results(user):
        page = answered(
            as_role(client, user).get(reverse("surveys_admin_results", args=[survey.pk]))
        )
        export = as_role(client, user).get(reverse("surveys_admin_export", args=[survey.pk, "csv"]))
        assert page == (export.status_code == 200)
        return page

    def launch(user):
        SurveyRound.objects.filter(survey=survey).delete()
        as_role(client, user).post(reverse("surveys_admin_launch", args=[survey.pk]))
        return SurveyRound.objects.filter(survey=survey).exists()

    assert_table(
        table(people, build), only("Editors", "Moderators", "Programme staff", "superuser")
    )
    assert_table(table(people, results), only("Programme staff", "superuser"))
    assert_table(table(people, launch), only("Programme staff", "superuser"))


# ---------------------------------------------------------------------------
# Network health
# ---------------------------------------------------------------------------
def test_network_health_dashboard(client, people):
    def dashboard(user):
        client_as = as_role(client, user)
        return answered(client_as.get("/admin/network/")) and answered(
            client_as.get("/admin/network/export/members.csv")
        )

    assert_table(table(people, dashboard), only("Programme staff", "superuser"))


def test_reminders_sent_and_reminder_times(client, people):
    """Programme staff for cohorts' reminders, award managers for awards' (home.reminders)."""

    def reminders_screens(user):
        client_as = as_role(client, user)
        return answered(client_as.get("/admin/reminders-sent/")) and answered(
            client_as.get("/admin/reminder-times/")
        )

    assert_table(
        table(people, reminders_screens), only("Programme staff", "Award managers", "superuser")
    )


# ---------------------------------------------------------------------------
# No bare is_staff check comes back
# ---------------------------------------------------------------------------
APPS = [
    "awards",
    "cohorts",
    "community",
    "content",
    "events",
    "home",
    "messaging",
    "surveys",
    "network",
    "config",
    "templates",
]
#: The user manager sets the flag for Django's createsuperuser; factories make test users.
ALLOWED = {"community/models/user.py", "community/factories.py"}


def test_no_is_staff_check_in_app_code():
    root = Path(settings.BASE_DIR)
    offenders = []
    for app in APPS:
        for path in (root / app).rglob("*"):
            if path.suffix not in {".py", ".html", ".txt"} or "migrations" in path.parts:
                continue
            relative = path.relative_to(root).as_posix()
            if relative in ALLOWED:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if re.search(r"\bis_staff\b", line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "use a permissions.py predicate instead:\n" + "\n".join(offenders)


def test_demo_staff_have_one_account_per_group_and_no_staff_flag(client):
    from django.contrib.auth import get_user_model

    from home.demo import staff

    staff.seed(lambda message: None)
    staff.seed(lambda message: None)  # idempotent
    User = get_user_model()
    accounts = User.objects.filter(email__endswith="@staff.example.org")
    assert accounts.count() == len(staff.STAFF)
    for email, _name, group in staff.STAFF:
        user = accounts.get(email=email)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_staff and not user.is_superuser
        assert user.profile.visibility == Visibility.HIDDEN
    assert client.login(email="events@staff.example.org", password=staff.DEMO_STAFF_PASSWORD)
    assert client.get("/admin/event-registrations/").status_code == 200


# ---------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------
def test_group_management(client, site, people):
    from django.urls import reverse

    from spaces.factories import SpaceFactory

    secret = SpaceFactory(access="secret", slug="steering-group")
    listing = reverse("wagtailsnippets_spaces_space:list")

    def manage_groups(user):
        client_ = as_role(client, user)
        return answered(client_.get(listing)) and answered(
            client_.get(f"/en/groups/{secret.slug}/")
        )

    assert_table(table(people, manage_groups), only("Group managers", "superuser"))


# ---------------------------------------------------------------------------
# API tokens
# ---------------------------------------------------------------------------
def test_api_token_screens(client, people):
    got = table(people, lambda user: answered(as_role(client, user).get("/admin/api-tokens/new/")))
    assert_table(got, only("API managers", "superuser"))
