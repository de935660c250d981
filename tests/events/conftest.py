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
def event(make_event):
    return make_event(title="Open contracting webinar", slug="open-contracting", capacity=2)


@pytest.fixture
def mails():
    """Outbox rows (what would be sent), newest last."""
    from home import outbox
    from home.models import OutboxEmail

    def rows(**filters):
        for email in OutboxEmail.objects.filter(**filters).exclude(intent={}):
            outbox.render_intent(email)  # what delivery will write (rendered at delivery)
        return list(OutboxEmail.objects.filter(**filters).order_by("pk"))

    return rows
