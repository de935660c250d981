"""Event times in the event's zone and the reader's, across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from events.selectors import local_times
from events.timezones import combine, reader_zone_name

pytestmark = pytest.mark.django_db


def main_html(response):
    return response.content.decode().split("<main", 1)[1]


def test_auckland_event_seen_from_los_angeles(client, make_event):
    # 9:00–11:00 on Friday 15 January 2027 in Auckland (NZDT, UTC+13) is
    # noon–2 p.m. on Thursday 14 January in Los Angeles (PST, UTC−8).
    event = make_event(
        start_date=date(2027, 1, 15),
        start_time=time(9, 0),
        end_date=date(2027, 1, 15),
        end_time=time(11, 0),
        timezone="Pacific/Auckland",
    )
    assert event.start == datetime(2027, 1, 14, 20, 0, tzinfo=UTC)
    client.cookies["tz"] = "America/Los_Angeles"
    html = main_html(client.get(event.url))
    event_part, reader_part = html.split('id="reader-time"', 1)
    assert "Friday 15 January 2027, 09:00–11:00" in event_part
    assert "Auckland time (UTC+13)" in event_part
    assert "Thursday 14 January 2027, 12:00–14:00" in reader_part
    assert "Los Angeles time (UTC−8)" in reader_part


def test_same_zone_says_so(client, make_event):
    event = make_event(timezone="Europe/Paris")
    html = main_html(client.get(event.url + "?tz=Europe/Paris"))
    assert "Same as the event time." in html


def test_event_across_the_autumn_change_lasts_an_hour_longer():
    # London leaves BST (UTC+1) for GMT at 2:00 on 25 October 2026.
    start = combine(date(2026, 10, 24), time(10, 0), "Europe/London")
    end = combine(date(2026, 10, 25), time(16, 0), "Europe/London")
    assert start == datetime(2026, 10, 24, 9, 0, tzinfo=UTC)
    assert end == datetime(2026, 10, 25, 16, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=31)


def test_auckland_event_across_its_april_change(make_event):
    # Auckland leaves NZDT (+13) for NZST (+12) at 3:00 on 4 April 2027.
    event = make_event(
        start_date=date(2027, 4, 3),
        start_time=time(9, 0),
        end_date=date(2027, 4, 5),
        end_time=time(17, 0),
        timezone="Pacific/Auckland",
    )
    times = local_times(event, "America/Los_Angeles")
    assert times["event_start"].utcoffset() == timedelta(hours=13)
    assert times["event_end"].utcoffset() == timedelta(hours=12)
    assert (times["event_start"].hour, times["event_end"].hour) == (9, 17)
    assert times["reader_start"].utcoffset() == timedelta(hours=-7)  # PDT by then
    assert event.duration == timedelta(days=2, hours=9)


def test_gap_between_zones_changes_when_only_one_has_switched(client, make_event):
    # New York is on summer time from 14 March 2027, Paris only from 28 March:
    # for two weeks the gap is five hours, not six.
    event = make_event(
        start_date=date(2027, 3, 20),
        start_time=time(18, 0),
        end_date=date(2027, 3, 20),
        end_time=time(19, 0),
        timezone="Europe/Paris",
    )
    times = local_times(event, "America/New_York")
    assert times["event_start"].hour == 18 and times["reader_start"].hour == 13
    later = make_event(
        start_date=date(2027, 4, 3),
        start_time=time(18, 0),
        end_date=date(2027, 4, 3),
        end_time=time(19, 0),
        timezone="Europe/Paris",
    )
    assert local_times(later, "America/New_York")["reader_start"].hour == 12
    html = main_html(client.get(event.url + "?tz=America/New_York"))
    assert "13:00–14:00" in html
    assert "New York time (UTC−4)" in html and "Paris time (UTC+1)" in html


def test_ics_times_are_utc(client, make_event):
    event = make_event(
        start_date=date(2027, 1, 15),
        start_time=time(9, 0),
        end_date=date(2027, 1, 15),
        end_time=time(11, 0),
        timezone="Pacific/Auckland",
    )
    body = client.get(event.url + "calendar/").content.decode()
    assert "DTSTART:20270114T200000Z" in body
    assert "DTEND:20270114T220000Z" in body


def test_reader_zone_validation(rf):
    assert reader_zone_name(rf.get("/", {"tz": "America/Los_Angeles"})) == "America/Los_Angeles"
    assert reader_zone_name(rf.get("/", {"tz": "../../etc/passwd"})) == "UTC"
    request = rf.get("/")
    request.COOKIES["tz"] = "Pacific/Auckland"
    assert reader_zone_name(request) == "Pacific/Auckland"
    request.COOKIES["tz"] = "x" * 500
    assert reader_zone_name(request) == "UTC"
