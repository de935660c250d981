import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from home.models import HomePage


@pytest.fixture
def home(site):
    return HomePage.objects.get(pk=site.root_page_id)


@pytest.fixture
def event_index(home):
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    index.save_revision().publish()
    return index


@pytest.fixture
def make_event(event_index):
    def make(**kwargs):
        event = EventPageFactory(parent=kwargs.pop("parent", event_index), **kwargs)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    return make


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
