from datetime import time, timedelta

from django.utils import timezone

import pytest

from community.factories import UserFactory, make_member
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration, RegistrationStatus
from home.models import HomePage, OutboxEmail
from surveys.factories import SurveyFactory, SurveyRoundFactory
from surveys.models import Audience, Invitation


@pytest.fixture
def home(site):
    return HomePage.objects.get(pk=site.root_page_id)


@pytest.fixture
def past_event(home):
    """An event that ended two hours ago."""
    index = EventIndexPageFactory(parent=home, title="Events", slug="events")
    start = timezone.now() - timedelta(hours=4)
    event = EventPageFactory(
        parent=index,
        title="Open contracting webinar",
        slug="open-contracting",
        start_date=start.date(),
        start_time=time(start.hour, 0),
        end_date=(start + timedelta(hours=2)).date(),
        end_time=time((start + timedelta(hours=2)).hour, 0),
    )
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def register(event, user, *, attended=False, status=RegistrationStatus.CONFIRMED):
    return Registration.objects.create(
        event=event,
        user=user,
        name=user.name,
        email=user.email,
        status=status,
        attended_at=timezone.now() - timedelta(hours=3) if attended else None,
    )


@pytest.fixture
def post_event_survey(db):
    return SurveyFactory(
        title="How was the event?",
        audience=Audience.AFTER_EVENT,
        opens_at=timezone.now() - timedelta(days=7),
    )


@pytest.fixture
def survey(db):
    return SurveyFactory(title="Stakeholder survey 2026")


@pytest.fixture
def open_round(survey):
    return SurveyRoundFactory(survey=survey)


@pytest.fixture
def invited(open_round):
    """A member invited to ``open_round``, from the government, in Africa."""
    user = make_member(sector="national_government", country="KE")
    Invitation.objects.create(round=open_round, user=user)
    return user


@pytest.fixture
def staff_results(db):
    from home.permissions import ensure_groups

    group = ensure_groups()["Programme staff"]
    user = UserFactory(name="Programme Lead")
    user.groups.add(group)
    return user


@pytest.fixture
def editor_user(db):
    from home.permissions import ensure_groups

    group = ensure_groups()["Editors"]
    user = UserFactory(name="Editor Person")
    user.groups.add(group)
    return user


@pytest.fixture
def outbox():
    def rows(**filters):
        return list(OutboxEmail.objects.filter(**filters).order_by("pk"))

    return rows


#: The invitation subject in French and Spanish (its entries in /work/briefs/tr-surveys.json,
#: merged into locale/ by the integrator; added here so the test reads the real words).
SUBJECTS = {
    "fr": {"A few questions: %(title)s": "Quelques questions\u00a0: %(title)s"},
    "es": {"A few questions: %(title)s": "Algunas preguntas: %(title)s"},
}


@pytest.fixture
def subject_catalogue():
    from django.utils.translation import trans_real

    for language, entries in SUBJECTS.items():
        catalog = trans_real.translation(language)._catalog
        for msgid, msgstr in entries.items():
            if msgid not in catalog:
                catalog[msgid] = msgstr


def translate(survey, language: str, **fields):
    """A translation of ``survey`` in ``language`` with ``fields`` changed."""
    from wagtail.models import Locale

    copy = survey.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy
