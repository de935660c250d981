import pytest

from community.factories import StaffFactory, UserFactory


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
