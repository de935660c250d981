"""The application window: before, during, after, and its timezone edges."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cohorts import services
from cohorts.errors import ApplicationError
from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Application, CohortStatus
from community.factories import UserFactory

pytestmark = pytest.mark.django_db

AUCKLAND = ZoneInfo("Pacific/Auckland")
UTC = ZoneInfo("UTC")


@pytest.fixture
def nz_cohort(home):
    """Opens 1 March 09:00 and closes 31 March 23:59 Auckland time (NZDT, UTC+13)."""
    programme = ProgrammePageFactory(parent=home, timezone="Pacific/Auckland")
    return CohortPageFactory(
        parent=programme,
        applications_open=datetime(2031, 3, 1, 9, 0, tzinfo=AUCKLAND),
        applications_close=datetime(2031, 3, 31, 23, 59, tzinfo=AUCKLAND),
        start_date=date(2031, 5, 1),
        end_date=date(2031, 7, 31),
    )


def test_before_the_window_nothing_can_be_started(nz_cohort, member):
    before = datetime(2031, 3, 1, 8, 59, 59, tzinfo=AUCKLAND)
    assert not nz_cohort.is_open(now=before)
    assert nz_cohort.status(now=before) == CohortStatus.UPCOMING
    with pytest.raises(ApplicationError) as exc:
        services.application_start(cohort=nz_cohort, member=member, now=before)
    assert exc.value.code == "not_open"
    assert not Application.objects.exists()


def test_opening_instant_is_inside(nz_cohort, member, submit):
    opening = datetime(2031, 3, 1, 9, 0, tzinfo=AUCKLAND)
    assert nz_cohort.is_open(now=opening)
    application = submit(nz_cohort, member, now=opening)
    assert application.status == "submitted"


def test_during_the_window_in_utc_terms(nz_cohort, member, submit):
    # 31 March 10:58 UTC is 31 March 23:58 in Auckland: still open, though the UTC date
    # and the Auckland date differ from the naive reading of "31 March 23:59".
    moment = datetime(2031, 3, 31, 10, 58, tzinfo=UTC)
    assert nz_cohort.is_open(now=moment)
    assert submit(nz_cohort, member, now=moment).status == "submitted"


def test_closing_instant_is_outside(nz_cohort, member, submit):
    last_moment = datetime(2031, 3, 31, 10, 58, 59, 999999, tzinfo=UTC)
    closing = datetime(2031, 3, 31, 10, 59, tzinfo=UTC)
    assert nz_cohort.is_open(now=last_moment)
    assert not nz_cohort.is_open(now=closing)
    application = services.application_start(cohort=nz_cohort, member=member, now=last_moment)
    with pytest.raises(ApplicationError) as exc:
        services.application_submit(application=application, member=member, now=closing)
    assert exc.value.code == "closed"
    application.refresh_from_db()
    assert application.status == "draft"


def test_after_the_window_no_edits_and_status_is_selection(nz_cohort, member, submit):
    during = datetime(2031, 3, 10, tzinfo=AUCKLAND)
    after = datetime(2031, 4, 2, tzinfo=AUCKLAND)
    application = submit(nz_cohort, member, now=during)
    assert nz_cohort.status(now=after) == CohortStatus.SELECTION
    with pytest.raises(ApplicationError) as exc:
        services.application_save(
            application=application, member=member, data={}, answers={}, now=after
        )
    assert exc.value.code == "locked"  # submitted: locked whatever the date
    with pytest.raises(ApplicationError) as exc:
        services.application_start(cohort=nz_cohort, member=UserFactory(), now=after)
    assert exc.value.code == "closed"


def test_running_and_completed_follow_the_programme_timezone(nz_cohort):
    # 30 April 12:30 UTC is already 1 May 00:30 in Auckland (NZST, UTC+12): running there.
    assert nz_cohort.status(now=datetime(2031, 4, 30, 12, 30, tzinfo=UTC)) == CohortStatus.RUNNING
    assert nz_cohort.status(now=datetime(2031, 4, 30, 11, 30, tzinfo=UTC)) == CohortStatus.SELECTION
    assert nz_cohort.status(now=datetime(2031, 8, 1, 0, 0, tzinfo=AUCKLAND)) == (
        CohortStatus.COMPLETED
    )


def test_deadline_is_shown_in_programme_timezone_and_for_the_reader(client, nz_cohort):
    nz_cohort.applications_open = datetime(2020, 1, 1, tzinfo=UTC)
    nz_cohort.save_revision().publish()
    html = client.get(nz_cohort.url).content.decode()
    assert "31 March 2031, 23:59 · Auckland time (UTC+13)" in html
    assert 'data-local-time="2031-03-31T10:59:00+00:00"' in html
    assert "js/local-time.js" in html


def test_index_lists_open_calls_first(client, programme, past_cohort, now):
    upcoming = CohortPageFactory(
        parent=programme,
        title="Upcoming cohort",
        applications_open=now + timedelta(days=5),
        applications_close=now + timedelta(days=20),
    )
    open_one = CohortPageFactory(parent=programme, title="Open cohort")
    assert programme.cohorts() == [open_one, upcoming, past_cohort]
    html = client.get(programme.url).content.decode()
    assert html.index("Open cohort") < html.index("Upcoming cohort") < html.index(past_cohort.title)
    assert "Accepting applications" in html
