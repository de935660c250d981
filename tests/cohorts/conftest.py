from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from community.factories import UserFactory


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture
def programme(home):
    return ProgrammePageFactory(parent=home, slug="leadership")


@pytest.fixture
def cohort(programme):
    return CohortPageFactory(parent=programme, slug="open-cohort")


@pytest.fixture
def now():
    return timezone.now()


def _staff_in(group_name):
    """A staff member in one of the groups the cohorts migration creates (made again here
    if a transactional test flushed them)."""
    from cohorts.permissions import ensure_groups

    group = ensure_groups()[group_name]
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def reviewer(db):
    return _staff_in("Cohort reviewers")


@pytest.fixture
def manager(db):
    return _staff_in("Programme staff")


@pytest.fixture
def editor(db):
    """Staff who may edit pages in the admin but is no cohort reviewer."""
    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name="Editors")
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def submit():
    """Submit a complete application for ``member`` to ``cohort``."""
    from cohorts import services

    def _submit(cohort, member, *, now=None, **data):
        now = now or timezone.now()
        application = services.application_start(cohort=cohort, member=member, now=now)
        answers = {q["id"]: "Because." for q in cohort.question_list() if q["kind"] != "file"}
        application = services.application_save(
            application=application,
            member=member,
            data={"country": "KE", "sector": "national_government", "scope": "national", **data},
            answers=answers,
            now=now,
        )
        return services.application_submit(application=application, member=member, now=now)

    return _submit


@pytest.fixture
def past_cohort(programme):
    today = timezone.now().date()
    return CohortPageFactory(
        parent=programme,
        slug="past-cohort",
        applications_open=timezone.now() - timedelta(days=300),
        applications_close=timezone.now() - timedelta(days=250),
        start_date=today - timedelta(days=200),
        end_date=today - timedelta(days=10),
    )
