"""A document shown to some readers only is served to them only, at its own Wagtail
address too (home.document_guards): every place a private document can be used (an
event's members' materials, a session's, a draft's, a cohort's session materials)
against every kind of viewer."""

from datetime import UTC, datetime, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Participant
from community.factories import StaffFactory, make_member
from events.factories import EventIndexPageFactory, EventPageFactory
from home import document_guards
from home.models import HomePage
from spaces.factories import add_member
from spaces.models import Membership
from spaces.services import ensure_cohort_space

pytestmark = pytest.mark.django_db

ANONYMOUS, MEMBER, PARTICIPANT, EDITOR = "anonymous", "member", "participant", "editor"
VIEWERS = (ANONYMOUS, MEMBER, PARTICIPANT, EDITOR)


@pytest.fixture(autouse=True)
def files_on_disk(settings, tmp_path):
    """Wagtail serves a document from its file's path: the tests' in-memory storage has none."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def document(title):
    doc = get_document_model()(title=title)
    doc.file.save(f"{title}.pdf", ContentFile(b"%PDF-1.4\n" + title.encode() * 10), save=False)
    doc.save()
    return doc


def slides(doc, block_id, *, public=False):
    return {
        "type": "slides",
        "value": {"title": doc.title, "document": doc.pk, "public": public},
        "id": block_id,
    }


def session(block_id, materials):
    value = {
        "day": None,
        "starts_at": "14:00",
        "ends_at": "15:00",
        "title": "Working groups",
        "description": "",
        "speakers": [],
        "materials": materials,
    }
    return {"type": "session", "value": value, "id": block_id}


def event(parent, slug, audience, materials=(), agenda=(), *, live=True):
    day = (timezone.now() - timedelta(days=3)).date()
    page = EventPageFactory(
        parent=parent, slug=slug, audience=audience, start_date=day, end_date=day
    )
    page.materials = list(materials)
    page.agenda = list(agenda)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return page


@pytest.fixture
def event_index(site):
    index = EventIndexPageFactory(parent=HomePage.objects.get(pk=site.root_page_id))
    index.save_revision().publish()
    return index


@pytest.fixture
def world(event_index, site):
    docs = {
        name: document(name)
        for name in (
            "members-slides",
            "marked-public",
            "open-event",
            "members-and-open",
            "session-slides",
            "draft-only",
            "loose",
            "cohort-material",
        )
    }
    event(
        event_index,
        "members-exchange",
        "members",
        materials=[
            slides(docs["members-slides"], "a"),
            slides(docs["marked-public"], "b", public=True),
            slides(docs["members-and-open"], "c"),
        ],
        agenda=[session("s", [slides(docs["session-slides"], "d")])],
    )
    event(
        event_index,
        "open-webinar",
        "public",
        materials=[slides(docs["open-event"], "e"), slides(docs["members-and-open"], "f")],
    )
    event(event_index, "draft-exchange", "members", [slides(docs["draft-only"], "g")], live=False)
    programme = ProgrammePageFactory(parent=site.root_page, slug="leadership")
    cohort = CohortPageFactory(
        parent=programme,
        slug="cohort-2027",
        curriculum=[
            (
                "session",
                {
                    "date": datetime(2027, 3, 4, 14, 0, tzinfo=UTC),
                    "title": "Opening the books",
                    "facilitator": "",
                    "description": "",
                    "materials": [
                        {"title": "Primer", "document": docs["cohort-material"], "url": ""}
                    ],
                },
            )
        ],
    )
    cohort.save_revision().publish()
    participant = make_member(display_name="Paula Participant")
    Participant.objects.create(cohort=cohort, user=participant)
    add_member(ensure_cohort_space(cohort), participant, via=Membership.Via.COHORT)
    viewers = {MEMBER: make_member(), PARTICIPANT: participant, EDITOR: StaffFactory()}
    return docs, viewers


#: document → the viewers who get the file (the others: sign in, or 404 when signed in).
WHO_GETS_IT = {
    "members-slides": {MEMBER, PARTICIPANT, EDITOR},
    "marked-public": set(VIEWERS),
    "open-event": set(VIEWERS),
    "members-and-open": set(VIEWERS),
    "session-slides": {MEMBER, PARTICIPANT, EDITOR},
    "draft-only": {EDITOR},
    "loose": set(VIEWERS),
    "cohort-material": {PARTICIPANT, EDITOR},
}


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("name", sorted(WHO_GETS_IT))
def test_a_private_document_is_served_only_to_who_may_see_it_where_it_is_used(
    client, world, name, viewer
):
    docs, viewers = world
    if viewer != ANONYMOUS:
        client.force_login(viewers[viewer])
    doc = docs[name]
    response = client.get(doc.url)
    if viewer in WHO_GETS_IT[name]:
        assert response.status_code == 200, (name, viewer, response.status_code)
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    elif viewer == ANONYMOUS:
        assert response.status_code == 302, (name, response.status_code)
        assert "/login/" in response["Location"] and doc.url in response["Location"]
    else:
        assert response.status_code == 404, (name, viewer, response.status_code)


def test_a_document_used_elsewhere_for_everyone_is_served_to_everyone(client, world):
    docs, _viewers = world
    assert client.get(docs["members-slides"].url).status_code == 302
    # An editor also puts it on a page everyone may read: it is public from then on.
    from events.models import EventPage

    page = EventPage.objects.get(slug="open-webinar")
    page.materials = [*page.materials.raw_data, slides(docs["members-slides"], "z")]
    page.save_revision().publish()
    assert client.get(docs["members-slides"].url).status_code == 200


def test_an_unpublished_event_takes_its_files_back(client, world):
    docs, _viewers = world
    from events.models import EventPage

    assert client.get(docs["open-event"].url).status_code == 200
    EventPage.objects.get(slug="open-webinar").unpublish()
    assert client.get(docs["open-event"].url).status_code == 302


def test_the_guard_reads_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    docs, viewers = world
    with django_assert_max_num_queries(8):
        assert document_guards.may_read(docs["members-and-open"], viewers[MEMBER])
    with django_assert_max_num_queries(8):
        assert not document_guards.may_read(docs["cohort-material"], viewers[MEMBER])
