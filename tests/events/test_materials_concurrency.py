"""PostgreSQL: two publications of an event's materials at once (two languages, two
editors) tell each attendee once.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/og_materials.
"""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale

import pytest

from community.factories import UserFactory
from events import services
from events.models import EventPage, Registration, RegistrationStatus
from home.models import Notification, OutboxEmail
from tests.parallel import POSTGRES_CONCURRENCY, in_parallel

pytestmark = POSTGRES_CONCURRENCY


@pytest.fixture
def site(fresh_site):
    """These tests commit for real: the site is seeded for each test."""
    return fresh_site


@pytest.mark.parametrize("round_", range(3))
def test_materials_published_at_once_in_two_languages_tell_each_attendee_once(
    make_event, event_index, round_
):
    from home.demo.seed import translate_page

    day = (timezone.now() - timedelta(days=3)).date()
    event = make_event(title=f"Raced exchange {round_}", start_date=day, end_date=day)
    people = [UserFactory() for _ in range(6)]
    for number, user in enumerate(people, start=1):
        Registration.objects.create(
            event=event,
            user=user,
            name=user.get_full_name(),
            email=user.email,
            queue_number=number,
            status=RegistrationStatus.CONFIRMED,
        )
    materials = [
        {
            "type": "recording",
            "id": "rec-raced",
            "value": {"title": "Plenary", "url": "https://youtu.be/dQw4w9WgXcQ", "public": False},
        }
    ]
    locale = Locale.objects.get(language_code="fr")
    translate_page(event_index, locale, title="Événements")
    french = translate_page(event, locale, title="Échange")
    for pk in (event.pk, french.pk):  # saved, not published: nobody is told yet
        page = EventPage.objects.get(pk=pk)
        page.materials = materials
        page.save()
    pages = [EventPage.objects.get(pk=pk) for pk in (event.pk, french.pk, event.pk)]
    results = in_parallel(
        [lambda page=page: services.materials_published(event=page) for page in pages]
    )
    assert sorted(len(found) for found in results) == [0, 0, 1]
    assert OutboxEmail.objects.filter(reason="events.materials").count() == len(people)
    assert Notification.objects.filter(kind="events.materials").count() == len(people)
    assert EventPage.objects.get(pk=event.pk).told_materials == ["rec-raced"]
