"""An agenda session outside the event's own days and hours is refused when the page is
saved, with a message naming the session."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from events.models import EventPage

pytestmark = pytest.mark.django_db


def session(title, starts, ends, day=None):
    return {
        "type": "session",
        "value": {
            "day": day,
            "starts_at": starts,
            "ends_at": ends,
            "title": title,
            "description": "",
            "speakers": [],
        },
    }


def event(agenda, *, end_date=date(2027, 3, 9)):
    page = EventPage(
        title="Summit",
        slug="summit",
        start_date=date(2027, 3, 8),
        start_time=time(9, 0),
        end_date=end_date,
        end_time=time(17, 30),
        timezone="Africa/Nairobi",
    )
    page.agenda = agenda
    return page


@pytest.mark.parametrize(
    ("agenda", "problem"),
    [
        ([session("Opening", "08:00", "09:30")], "“Opening” is outside the event's time"),
        (
            [session("Closing", "16:30", "18:00", day="2027-03-09")],
            "“Closing” is outside the event's time",
        ),
        (
            [session("Excursion", "10:00", "11:00", day="2027-03-12")],
            "“Excursion” is on a day outside the event",
        ),
        ([session("Backwards", "11:00", "10:00")], "“Backwards” must end after it starts."),
    ],
)
def test_a_session_outside_the_event_is_refused(agenda, problem):
    page = event(agenda)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    (error,) = refused.value.error_dict["agenda"]
    assert problem in str(error.block_errors[0].non_block_errors.as_data()[0].message)
    assert problem in str(error.non_block_errors.as_data()[0].message)


def test_sessions_inside_the_event_are_accepted_even_late_on_a_middle_day():
    page = event(
        [
            session("Opening", "09:00", "10:30"),
            session("Evening reception", "18:00", "21:00", day="2027-03-08"),
            session("Commitments", "16:00", "17:30", day="2027-03-09"),
        ]
    )
    assert page.agenda_problems() == {}
    page.clean()


def test_the_message_names_the_event_time_in_the_editor_language():
    page = event([session("Apertura", "07:00", "08:00")], end_date=date(2027, 3, 8))
    with translation.override("es"):
        problems = [str(p) for p in page.agenda_problems().values()]
    assert problems and "Apertura" in problems[0] and "09:00" in problems[0]
