"""Real concurrency for PostgreSQL tests: calls released at the same moment, each in its
own thread and database connection."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

import pytest


def in_parallel(calls, *, return_exceptions: bool = False):
    """Run each call in its own thread, all released at once by a barrier; return their
    results in order (with ``return_exceptions``, an exception a call raised is returned
    in its place instead of raised)."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        except Exception as exc:
            if return_exceptions:
                return exc
            raise
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


#: ``pytestmark`` of a module whose tests race for real: PostgreSQL only (SQLite
#: serialises every write), each test committing as the code under test does.
POSTGRES_CONCURRENCY = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real concurrency)"
    ),
]
