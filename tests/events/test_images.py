"""Event banners and speaker portraits: responsive pictures at a bounded query cost."""

from django.db import reset_queries

import pytest

from events.models import Speaker
from home.demo.images import demo_image, portrait

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_event_cards_with_banners_cost_the_same_for_2_or_12_events(
    client, make_event, event_index, django_assert_max_num_queries
):
    pictures = [demo_image("stage"), demo_image("webinar")]

    def fill(start, count):
        for number in range(start, start + count):
            make_event(title=f"Banner event {number}", image=pictures[number % 2])

    fill(0, 2)
    html = client.get(event_index.url).content.decode()  # warm caches, make renditions
    assert html.count('class="card__image"') == 2
    reset_queries()
    with django_assert_max_num_queries(25) as small:
        client.get(event_index.url)
    small_count = len(small.captured_queries)
    fill(2, 10)
    client.get(event_index.url)
    reset_queries()
    with django_assert_max_num_queries(small_count):
        html = client.get(event_index.url).content.decode()
    assert html.count('class="card__image"') >= 10 and 'loading="lazy"' in html


def test_speakers_show_their_portrait_or_their_initials(client, make_event, member):
    with_photo = Speaker.objects.create(name="Rangi Parata", photo=portrait(0))
    without = Speaker.objects.create(name="Lucía Fernández")
    agenda = [
        {
            "type": "session",
            "value": {
                "day": None,
                "starts_at": "14:00",
                "ends_at": "14:30",
                "title": "Opening",
                "description": "",
                "speakers": [with_photo.pk, without.pk],
            },
        }
    ]
    event = make_event(title="Speakers event", agenda=agenda, audience="public")
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert 'alt="Rangi Parata"' in html and ".webp 192w" in html
    assert 'aria-label="Lucía Fernández"' in html and ">LF</text>" in html
