import pytest

from community.factories import StaffFactory, UserFactory

_BASE_DATA: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After migrations, remember the base data they create (Wagtail's root page, locale,
    site and collection, the staff groups...), so tests can get it back after a
    transactional test (browser journeys, concurrency tests) has emptied the tables."""
    from django.db import connection

    with django_db_blocker.unblock():
        _BASE_DATA["default"] = connection.creation.serialize_db_to_string()
    yield


def _uses_database(request) -> bool:
    names = set(request.fixturenames)
    return bool(
        request.node.get_closest_marker("django_db")
        or names & {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
    )


@pytest.fixture(autouse=True)
def _base_data(request):
    """Put the migrations' base data back if a transactional test flushed it.

    Tests run in any order across parallel workers, so a plain test may follow a
    transactional one; it still starts from the database the migrations built.
    """
    if not _uses_database(request):
        yield
        return
    request.getfixturevalue("django_db_setup")
    django_db_blocker = request.getfixturevalue("django_db_blocker")
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from wagtail.models import Page

    with django_db_blocker.unblock():
        if not Page.objects.filter(depth=1).exists() and _BASE_DATA.get("default"):
            with transaction.atomic():
                # post_migrate re-created these with new ids after the flush; the
                # snapshot has the original rows.
                Permission.objects.all().delete()
                ContentType.objects.all().delete()
                connection.creation.deserialize_db_from_string(_BASE_DATA["default"])
            ContentType.objects.clear_cache()
    yield


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
