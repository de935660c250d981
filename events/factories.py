from datetime import time, timedelta

from django.utils import timezone

from wagtail.models import Locale

import factory
import wagtail_factories

from events.models import EventIndexPage, EventPage, EventType, RegistrationQuestion, Speaker


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = factory.Sequence(lambda n: f"events-{n}")
    intro = "Summits, regional events, learning exchanges and webinars."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An upcoming webinar in UTC, ten days from now, registration open, 10 places."""

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    event_type = EventType.WEBINAR
    summary = "A conversation between reformers."
    start_date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=10)).date())
    start_time = time(14, 0)
    end_date = factory.SelfAttribute("start_date")
    end_time = time(15, 30)
    timezone = "UTC"
    attendance_mode = "online"
    online_url = "https://meet.example.org/opengov-webinar"
    capacity = 10
    #: The link as soon as a place is confirmed (the lead-time window has its own tests).
    joining_link_lead = None
    working_languages = factory.LazyFunction(lambda: ["en"])

    class Meta:
        model = EventPage


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    label = "Do you have dietary or access needs?"
    kind = RegistrationQuestion.Kind.TEXT
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = RegistrationQuestion


class SpeakerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Speaker {n}")
    role = "Open government lead"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Speaker
