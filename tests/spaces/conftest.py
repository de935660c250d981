import pytest

from community.factories import make_member
from spaces.factories import SpaceFactory, add_member
from spaces.models import Access, Membership


@pytest.fixture(autouse=True)
def spaces_private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = str(tmp_path / "private")


@pytest.fixture
def host(site):
    return make_member(display_name="Hana Host", sector="government", country="KE")


@pytest.fixture
def amina(db):
    return make_member(display_name="Amina Diallo", sector="government", country="SN")


@pytest.fixture
def bruno(db):
    return make_member(display_name="Bruno Costa", sector="ngo", country="BR")


def space_with_host(host, **fields):
    space = SpaceFactory(**fields)
    add_member(space, host, role=Membership.Role.HOST)
    return space


@pytest.fixture
def open_space(host):
    return space_with_host(host, access=Access.OPEN, slug="open-coalition")


@pytest.fixture
def request_space(host):
    return space_with_host(host, access=Access.REQUEST, slug="request-coalition")


@pytest.fixture
def invitation_space(host):
    return space_with_host(host, access=Access.INVITATION, slug="invited-coalition")


@pytest.fixture
def secret_space(host):
    return space_with_host(host, access=Access.SECRET, slug="secret-coalition")
