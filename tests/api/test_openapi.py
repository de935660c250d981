"""Property-based tests of the API against its own OpenAPI document (schemathesis):
for generated inputs, good and bad, no answer is a 5xx and every answer matches the
published schema (status codes, content types, bodies)."""

from django.core.wsgi import get_wsgi_application

import hypothesis
import pytest
import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db


def _published():
    from api.api import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


schema = schemathesis.openapi.from_dict(_published())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes the database connection after each request; the test's
    transaction lives on it (Django's test client does the same)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def data(site, make_event, partner):
    from community.factories import make_member
    from community.models import Visibility

    event = make_event(title="Procurement clinic", slug="procurement-clinic")
    event.co_hosts.add(partner)
    event.save()
    make_member(display_name="Ada Public", visibility=Visibility.PUBLIC)
    make_member(display_name="Bo Members", visibility=Visibility.MEMBERS)
    return event


def test_the_served_description_is_the_one_tested(client):
    import json

    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    assert json.loads(served.content) == json.loads(json.dumps(_published()))


@schema.parametrize()
@hypothesis.settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
def test_api_matches_its_description(case):
    # Compressed answers are for browsers; the checks read the JSON itself. A theme slug
    # is data, not schema: an unknown one is refused (400) though any string fits the
    # schema, so "schema-valid data is accepted" is not asked of it.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"}, excluded_checks=[positive_data_acceptance]
    )
