import pytest

from community.factories import StaffFactory, UserFactory

_RESTORE_BASE_DATA = pytest.StashKey[object]()


def _commits_for_real(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or names & {"transactional_db", "live_server", "django_db_reset_sequences"}
    )


def pytest_collection_modifyitems(config, items):
    """Mark the tests that commit for real (browser journeys, concurrency, a real broker):
    ``-m "not transactional"`` gives a quick run without them."""
    for item in items:
        if _commits_for_real(item):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture(scope="session")
def _base_data(django_db_setup, django_db_blocker):
    """What migrations put in the test database (content types, permissions, groups,
    locales, Wagtail's root page, collections, workflows), row by row, and a function that
    puts it back after a flush.

    A test that commits for real ends with a flush of every table. Putting the rows back
    with their own ids (not by re-running post_migrate, which hands out new ids) keeps every
    later test, in any order and in any process, on the same base data. Foreign keys are
    deferred to the commit on SQLite and PostgreSQL, so the table order does not matter.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections, transaction

    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    snapshot = []
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        tables = connection.introspection.django_table_names(only_existing=True)
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (Django's table names)
            rows = cursor.fetchall()
            if rows:
                columns = [column[0] for column in cursor.description]
                snapshot.append((table, columns, rows))

    def restore():
        with django_db_blocker.unblock():
            # The test's own flush re-ran post_migrate, which made content types and
            # permissions under new ids: empty the tables again, without it.
            # Keep the sequences where they are: they are past the ids put back.
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            with transaction.atomic(), connection.cursor() as cursor:
                for table, columns, rows in snapshot:
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
                        f"VALUES ({', '.join(['%s'] * len(columns))})",
                        rows,
                    )
        ContentType.objects.clear_cache()  # post_migrate cached the ids that just went away

    return restore


@pytest.fixture(autouse=True)
def _restore_base_data_after_commit(request):
    """Tests that commit for real leave the base data as migrations made it (see
    ``_base_data``); the restore runs in ``pytest_runtest_teardown``, after pytest-django's
    flush."""
    if request.node.get_closest_marker("transactional"):
        request.node.stash[_RESTORE_BASE_DATA] = request.getfixturevalue("_base_data")
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        restore = item.stash.get(_RESTORE_BASE_DATA, None)
        if restore is not None:
            restore()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing cached by one test (Wagtail's site root paths, rate-limit counters, badge
    counts) answers for another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English, whatever the previous one activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site(db):
    """The site's own demo pages, themes and settings in three languages (home's seeder only)."""
    from wagtail.models import Site

    from home.demo.seed import seed

    seed(lambda message: None)

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def other_member(db):
    return UserFactory()


@pytest.fixture
def staff(db):
    return StaffFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
