import pytest

# The events tests' pages: a home page, an events index, published events.
from tests.events.conftest import event_index, home, make_event  # noqa: F401


@pytest.fixture
def partner(db):
    from cohorts.models import PartnerOrganisation

    return PartnerOrganisation.objects.create(name="School of Government")


@pytest.fixture
def make_token(partner, staff):
    from api import services
    from api.models import Scope

    def make(*, scopes=(Scope.REGISTRATIONS,), organisation=None, **kwargs):
        return services.token_create(
            name="CRM", partner=organisation or partner, scopes=list(scopes), by=staff, **kwargs
        )

    return make


@pytest.fixture
def api_get(client):
    """GET a path under /api/v1/, with a token when given; the JSON or the response."""

    def get(path, token=None, **headers):
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client.get(f"/api/v1/{path.lstrip('/')}", **headers)

    return get
