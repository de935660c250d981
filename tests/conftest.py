import pytest

from community.factories import StaffFactory, UserFactory


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or names & {"transactional_db", "live_server", "django_db_reset_sequences"}
    )


def pytest_collection_modifyitems(config, items):
    """Mark tests that commit for real (browser journeys, concurrency, real broker).

    They empty the tables when they finish, so they must not run before plain database
    tests in the same process. pytest-django orders them last in one process; with
    several processes (pytest-xdist) `make test` and CI run them as a second pass:
    ``pytest -m "not transactional"`` then ``pytest -m transactional``.
    """
    for item in items:
        if _is_transactional(item):
            item.add_marker(pytest.mark.transactional)


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Nothing cached by one test (Wagtail's site root paths, rate-limit counters, badge
    counts) answers for another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
