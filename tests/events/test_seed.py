import pytest

from events.models import EventPage, EventType, Registration

pytestmark = pytest.mark.django_db


def test_seed_builds_every_type_upcoming_and_past_and_is_idempotent(site, client):
    from events.demo.seed import seed

    seed(lambda message: None)
    counts = (EventPage.objects.count(), Registration.objects.count())
    seed(lambda message: None)
    assert (EventPage.objects.count(), Registration.objects.count()) == counts

    originals = EventPage.objects.filter(locale__language_code="en")
    for kind in EventType.values:
        assert any(e.event_type == kind and not e.is_past for e in originals), kind
        assert any(e.event_type == kind and e.is_past for e in originals), kind
    for code in ("fr", "es"):
        assert (
            EventPage.objects.filter(locale__language_code=code, live=True).count()
            == originals.count()
        )

    # Each demo agenda fits its own event's days and hours, in every language.
    with_agenda = [page for page in EventPage.objects.all() if page.agenda]
    assert len(with_agenda) >= 6
    assert {page.pk: page.agenda_problems() for page in with_agenda} == {
        page.pk: {} for page in with_agenda
    }
    starts = {page.agenda[0].value["starts_at"] for page in with_agenda}
    assert len(starts) > 1, "every event gets the same agenda"

    # Hybrid demo events hold separate in-person and online places, in every language.
    hybrids = [e for e in EventPage.objects.all() if e.is_hybrid]
    assert {e.locale.language_code for e in hybrids} == {"en", "fr", "es"}
    assert all(e.capacity and e.online_capacity for e in hybrids), [
        (e.slug, e.capacity, e.online_capacity) for e in hybrids
    ]
    assert any(not e.is_past for e in hybrids) and any(e.is_past for e in hybrids)

    full = originals.get(slug="beneficial-ownership-exchange")
    assert Registration.objects.confirmed().filter(event=full).count() == full.capacity
    assert Registration.objects.waitlisted().filter(event=full).exists()

    for page in EventPage.objects.all()[:24]:
        assert client.get(page.url).status_code == 200, page.url
    for path in ("/en/events/", "/fr/evenements/?when=past", "/es/eventos/?type=webinar"):
        assert client.get(path).status_code == 200, path


def test_two_past_demo_events_have_a_recording_and_slides_in_every_language_and_no_email(
    site, client
):
    from events.demo.seed import seed
    from home.models import OutboxEmail

    seed(lambda message: None)
    seed(lambda message: None)  # idempotent: the materials are not added twice
    with_materials = EventPage.objects.exclude(material_kinds=[])
    assert {page.slug for page in with_materials.filter(locale__language_code="en")} == {
        "global-summit-2025",
        "webinar-access-to-information",
    }
    assert with_materials.count() == 6
    for page in with_materials:
        assert page.is_past and page.material_kinds == ["recording", "slides"]
        assert len(page.materials) == 2
    assert not OutboxEmail.objects.filter(reason="events.materials").exists()
    summit = EventPage.objects.get(locale__language_code="fr", slug="global-summit-2025")
    client.get(summit.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = client.get(summit.url).content.decode()
    assert len(queries) <= 12  # the site's budget for a public page
    assert "Plénière d’ouverture" in html and "youtube-nocookie.com/embed/" in html
    assert "Cet événement a eu lieu" in html
    html = client.get("/en/events/?when=past").content.decode()
    assert ">Recording<" in html and ">Slides<" in html
