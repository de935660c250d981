"""One application per member per cohort, even under concurrent submission (PostgreSQL)."""

import threading

from django.db import connection, connections

import pytest

from cohorts import services
from cohorts.models import Application
from home.models import OutboxEmail

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def site(fresh_site):
    """Some tests here commit for real: the site is seeded for each test."""
    return fresh_site


@pytest.fixture(autouse=True)
def _postgres_only(transactional_db):
    """Skip on SQLite."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def test_concurrent_submissions_make_one_application_and_one_email(cohort, member):
    answers = {q["id"]: "Because." for q in cohort.question_list()}
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    errors, ids = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            application = services.application_start(cohort=cohort, member=member)
            application = services.application_save(
                application=application, member=member, data={}, answers=answers
            )
            application = services.application_submit(application=application, member=member)
            ids.append(application.pk)
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # One submission wins; the others find it submitted (locked) and change nothing.
    from cohorts.errors import ApplicationError

    assert all(isinstance(exc, ApplicationError) and exc.code == "locked" for exc in errors)
    assert len(ids) + len(errors) == threads_count and ids
    assert len(set(ids)) == 1
    assert Application.objects.filter(cohort=cohort, applicant=member).count() == 1
    application = Application.objects.get()
    assert application.status == "submitted" and application.submission_count == 1
    assert application.submissions.count() == 1
    assert OutboxEmail.objects.filter(reason="cohorts.application_submitted").count() == 1


def test_concurrent_acceptances_respect_the_places(cohort, reviewer, submit):
    from community.factories import UserFactory

    cohort.places = 1
    cohort.save_revision().publish()
    applications = []
    for _ in range(4):
        application = submit(cohort, UserFactory())
        Application.objects.filter(pk=application.pk).update(status="shortlisted")
        applications.append(application)
    barrier = threading.Barrier(len(applications))
    outcomes = []

    def worker(application):
        try:
            barrier.wait(timeout=10)
            services.application_transition(
                application=application, to_status="accepted", by=reviewer
            )
            outcomes.append("accepted")
        except Exception as exc:  # noqa: BLE001
            outcomes.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("accepted") == 1
    assert Application.objects.filter(status="accepted").count() == 1
