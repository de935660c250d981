import pytest

from community.factories import StaffFactory, UserFactory


def _commits_for_real(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or names & {"transactional_db", "live_server", "django_db_reset_sequences"}
    )


def pytest_collection_modifyitems(config, items):
    """Mark the tests that commit for real (browser journeys, concurrency, a real broker),
    so that ``-m "not transactional"`` gives a quick run without them. They may run in any
    order with the others: ``_base_data`` puts back what their flush removes."""
    for item in items:
        if _commits_for_real(item):
            item.add_marker(pytest.mark.transactional)


def _snapshot(connection):
    """Every row migrations left in the test database, table by table."""
    quote = connection.ops.quote_name
    snapshot = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (Django's table names)
            rows = cursor.fetchall()
            if rows:
                columns = [column[0] for column in cursor.description]
                snapshot.append((table, columns, rows))
    return snapshot


def _put_back(connection, snapshot):
    """Insert the snapshot's rows with their own ids, in one transaction. Foreign keys are
    deferred to the commit (SQLite and PostgreSQL), so the table order does not matter.
    Multi-row INSERTs, a few hundred parameters each, rather than executemany (psycopg's
    pipeline mode hides which row failed)."""
    from django.db import transaction

    quote = connection.ops.quote_name
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for table, columns, rows in snapshot:
            per_statement = max(1, 900 // len(columns))
            head = f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "  # noqa: S608
            placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
            for start in range(0, len(rows), per_statement):
                chunk = rows[start : start + per_statement]
                cursor.execute(
                    head + ", ".join([placeholder] * len(chunk)),  # noqa: S608 (placeholders)
                    [value for row in chunk for value in row],
                )


@pytest.fixture(scope="session", autouse=True)
def _base_data(django_db_setup, django_db_blocker):
    """Tests that commit for real leave the base data as migrations made it.

    Such a test ends with a flush of every table (Django's TransactionTestCase), which
    would leave the next test, in any order and in any process, without the content types,
    permissions, groups, locales, Wagtail's root page, site and collections that migrations
    made. The rows are read once per process, right after the test database is set up, and
    the flush is replaced by one that empties the tables without re-running post_migrate
    (which would hand out new ids) and then puts the rows back with their own ids. The
    sequences are not reset, so they stay past the ids put back.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections
    from django.test import TransactionTestCase

    with django_db_blocker.unblock():
        snapshots = {alias: _snapshot(connections[alias]) for alias in connections}

    def flush_and_restore(case):
        for alias in case._databases_names(include_mirrors=False):
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=alias,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            _put_back(connections[alias], snapshots[alias])
        ContentType.objects.clear_cache()

    patch = pytest.MonkeyPatch()
    patch.setattr(TransactionTestCase, "_fixture_teardown", flush_and_restore)
    yield snapshots
    patch.undo()


@pytest.fixture(scope="module")
def module_db(request, django_db_setup, django_db_blocker):
    """A transaction around a whole test module, for data that is built once and read by
    every test in it. Each test's own transaction nests inside (a savepoint), so what a
    test writes is still undone after it; the module's data is undone after the module.
    Fixtures that use it hand tests fresh copies (by id), never shared instances. A module
    with tests that commit for real cannot use it: their flush would run inside it."""
    from django.db import transaction
    from django.test import TestCase

    # A Django TestCase class closes the connection after its last test, and with it
    # the module's transaction.
    committing = [
        item.nodeid
        for item in request.session.items
        if item.module is request.module
        and (_commits_for_real(item) or (item.cls and issubclass(item.cls, TestCase)))
    ]
    if committing:
        raise pytest.UsageError(
            f"{request.module.__name__} uses module_db (through `site`?) next to tests that"
            f" commit or are Django TestCases: {committing}. Give it `def site(fresh_site): return fresh_site`."
        )
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English, whatever the previous one activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def pending_uploads_root(settings, tmp_path):
    """Files kept across a form error go to the test's own folder (home.pending_uploads)."""
    settings.PENDING_UPLOADS_ROOT = tmp_path / "pending"
    return settings.PENDING_UPLOADS_ROOT


def _seed_site():
    from wagtail.models import Site

    from home.demo.seed import seed

    seed(lambda message: None)
    return Site.objects.get(is_default_site=True)


@pytest.fixture(scope="module")
def _module_site(module_db):
    return _seed_site().pk


@pytest.fixture
def site(_module_site, db):
    """The site's own demo pages, themes and settings in three languages (home's seeder
    only), seeded once per module; each test gets a fresh copy. A module with tests that
    commit for real overrides it with ``fresh_site``."""
    from wagtail.models import Site

    return Site.objects.get(pk=_module_site)


@pytest.fixture
def fresh_site(db):
    """The same site, seeded for the one test (modules whose tests commit for real)."""
    return _seed_site()


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing cached by one test (Wagtail's site root paths, rate-limit counters, badge
    counts) answers for another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
