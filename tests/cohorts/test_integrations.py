"""Cohorts across the platform: directory filters, alumni badges, event audiences, jury conflicts."""

from django.urls import reverse

import pytest

from cohorts.integrations import cohort_event_audience
from cohorts.models import Participant
from cohorts.selectors import shared_cohort
from community.factories import DirectoryPageFactory, UserFactory
from community.models import Visibility
from events.audience import may_register
from events.factories import EventPageFactory
from events.models import Audience
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def alumna(past_cohort):
    user = UserFactory(name="Zanele Mokoena")
    Participant.objects.create(cohort=past_cohort, user=user, status=Participant.Status.COMPLETED)
    return user


@pytest.fixture
def directory(site):
    page = DirectoryPageFactory(
        parent=HomePage.objects.get(locale__language_code="en"), title="Members", slug="members"
    )
    page.save_revision().publish()
    return page


def test_shared_cohort_flags_jurors_who_studied_with_the_nominee(alumna, past_cohort, cohort):
    classmate, stranger = UserFactory(), UserFactory()
    Participant.objects.create(cohort=past_cohort, user=classmate)
    Participant.objects.create(cohort=cohort, user=stranger)
    assert shared_cohort(alumna, classmate) is True
    assert shared_cohort(classmate, alumna) is True
    assert shared_cohort(alumna, stranger) is False
    assert shared_cohort(alumna, None) is False


def test_directory_filters_alumni_by_cohort(client, directory, alumna, past_cohort, member):
    UserFactory(name="Not An Alumna")
    client.force_login(member)
    html = client.get(directory.url, {"alumni": "1"}).content.decode()
    assert "Zanele Mokoena" in html
    assert "Not An Alumna" not in html
    html = client.get(directory.url, {"cohort": str(past_cohort.pk)}).content.decode()
    assert "Zanele Mokoena" in html
    assert "Not An Alumna" not in html


def test_directory_cohort_filter_never_reveals_hidden_alumni(
    client, directory, alumna, past_cohort, member
):
    alumna.profile.visibility = Visibility.HIDDEN
    alumna.profile.save()
    client.force_login(member)
    response = client.get(directory.url, {"cohort": str(past_cohort.pk)})
    assert response.status_code == 200
    assert "Zanele Mokoena" not in response.content.decode()


@pytest.mark.parametrize("value", ["999999", "abc", "-1"])
def test_unknown_cohort_filter_values_are_not_errors(client, directory, member, value):
    client.force_login(member)
    assert client.get(directory.url, {"cohort": value}).status_code == 200


def test_alumni_badge_on_the_profile(client, alumna, past_cohort, member):
    client.force_login(member)
    html = client.get(reverse("community:profile", args=[alumna.profile.pk])).content.decode()
    assert f"Alumni · {past_cohort.title}" in html


def test_cohort_events_admit_participants_and_named_alumni_only(alumna, past_cohort, site):
    home = HomePage.objects.get(locale__language_code="en")
    event = EventPageFactory(
        parent=home, audience=Audience.COHORTS, audience_groups=past_cohort.slug
    )
    outsider = UserFactory()
    assert cohort_event_audience(event, alumna) is True
    assert may_register(event, alumna) is True
    assert may_register(event, outsider) is False
    event.audience_groups = "alumni"
    assert may_register(event, alumna) is True
    event.audience_groups = "some-other-cohort"
    assert may_register(event, alumna) is False
