"""Attendance shows on the member's profile page, within their privacy settings."""

from django.urls import reverse
from django.utils import timezone

import pytest

from community.factories import UserFactory
from community.models import Visibility
from events.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def attended(event):
    attendee = UserFactory()
    attendee.profile.visibility = Visibility.MEMBERS
    attendee.profile.save()
    Registration.objects.create(
        event=event,
        user=attendee,
        status=RegistrationStatus.CONFIRMED,
        attended_at=timezone.now(),
        show_in_attendee_list=True,
    )
    return attendee


def test_attended_event_appears_on_the_profile_for_members(client, attended, event, member):
    client.force_login(member)
    html = client.get(reverse("community:profile", args=[attended.profile.pk])).content.decode()
    assert event.title in html


def test_attendance_is_not_shown_when_the_member_chose_not_to_appear(
    client, attended, event, member
):
    Registration.objects.filter(user=attended).update(show_in_attendee_list=False)
    client.force_login(member)
    html = client.get(reverse("community:profile", args=[attended.profile.pk])).content.decode()
    assert event.title not in html


def test_hidden_member_profile_with_attendance_is_not_found(client, attended, member):
    attended.profile.visibility = Visibility.HIDDEN
    attended.profile.save()
    client.force_login(member)
    assert client.get(reverse("community:profile", args=[attended.profile.pk])).status_code == 404
