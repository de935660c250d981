"""PostgreSQL: status-list positions never collide, and a certificate is signed once,
however many issue or open it at the same moment.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_credentials.
"""

import itertools
import threading

import pytest

from cohorts import services
from cohorts.models import Certificate, Participant
from community.factories import UserFactory
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    """These tests commit for real: the site is seeded for each test."""
    return fresh_site


@pytest.fixture(autouse=True)
def keys(settings, tmp_path):
    settings.CREDENTIAL_KEYS = ""
    settings.CREDENTIAL_KEYS_FILE = str(tmp_path / "keys.json")
    settings.CREDENTIAL_KEYS_AUTOGENERATE = True


def test_parallel_issuance_racing_for_one_position_gets_distinct_ones(cohort, monkeypatch):
    """Every thread's first draw is the same position: the unique constraint lets one
    have it and the others draw again."""
    local, counter, lock = threading.local(), itertools.count(1000), threading.Lock()

    def draw():
        if not getattr(local, "drawn", False):
            local.drawn = True
            return 7
        with lock:
            return next(counter)

    monkeypatch.setattr(services, "_status_index", draw)
    participants = [
        Participant.objects.create(cohort=cohort, user=UserFactory(), status="completed")
        for _ in range(8)
    ]
    results = in_parallel(
        [lambda p=p: services.certificate_issue(participant=p) for p in participants]
    )
    indexes = [c.status_list_index for c in results]
    assert len(set(indexes)) == 8 and 7 in indexes
    assert all(c.credential for c in Certificate.objects.all())
    assert sorted(Certificate.objects.values_list("status_list_index", flat=True)) == sorted(
        indexes
    )


def test_many_first_checks_of_an_unsigned_certificate_sign_it_once(cohort):
    participant = Participant.objects.create(cohort=cohort, user=UserFactory(), status="completed")
    certificate = services.certificate_issue(participant=participant)
    Certificate.objects.filter(pk=certificate.pk).update(credential="", status_list_index=None)
    results = in_parallel(
        [lambda: services.certificate_sign(certificate=certificate) for _ in range(6)]
    )
    tokens = {c.credential for c in results}
    indexes = {c.status_list_index for c in results}
    assert len(tokens) == 1 and len(indexes) == 1
    certificate.refresh_from_db()
    assert certificate.credential in tokens
