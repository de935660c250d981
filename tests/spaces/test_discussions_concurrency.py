"""PostgreSQL: replies sent at the same moment all count, and the thread's ``post_count``
and ``last_post_at`` stay exact (the reply locks the thread row).

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a database of your own>.
"""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

import pytest

from community.factories import make_member
from spaces.factories import SpaceFactory, add_member
from spaces.models import Membership, Post, Thread
from spaces.services import discussions as services
from tests.parallel import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, real concurrency)"
    ),
]


@pytest.fixture
def site(fresh_site):
    """The tests here commit for real: the site is seeded for each test."""
    return fresh_site


def test_replies_at_the_same_moment_all_count(site):
    space = SpaceFactory()
    host = make_member(display_name="Hana Host")
    add_member(space, host, role=Membership.Role.HOST)
    people = [make_member(display_name=f"Replier {i}") for i in range(4)]
    for person in people:
        add_member(space, person)
    thread = services.thread_start(author=host, space=space, title="At once", body="Go")
    now = timezone.now()
    results = in_parallel(
        [
            lambda p=p, i=i: services.post_reply(
                author=p, thread=thread, body=f"Reply {i}", now=now + timedelta(seconds=i)
            )
            for i, p in enumerate(people)
        ],
        return_exceptions=True,
    )
    assert all(isinstance(r, Post) for r in results), results
    thread = Thread.objects.get(pk=thread.pk)
    assert thread.post_count == 5 == Post.objects.filter(thread=thread).count()
    assert thread.last_post_at == max(r.created_at for r in results)
