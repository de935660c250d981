import pytest

from community.factories import make_member
from community.models import Connection


@pytest.fixture(autouse=True)
def messages_private_root(settings, tmp_path):
    settings.MESSAGES_PRIVATE_ROOT = str(tmp_path / "messages")


def connect(a, b):
    low, high = Connection.ordered(a.pk, b.pk)
    Connection.objects.get_or_create(user_low_id=low, user_high_id=high)


@pytest.fixture
def amina(db):
    return make_member(display_name="Amina Diallo", sector="government", country="SN")


@pytest.fixture
def bruno(db):
    return make_member(display_name="Bruno Costa", sector="ngo", country="BR")


@pytest.fixture
def connected(amina, bruno):
    connect(amina, bruno)
    return amina, bruno
