"""Events for a group: its active members may register, the group page lists its upcoming
events in the reader's language, and a secret group's name never reaches a non-member
through an event."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from community.factories import make_member
from events import services as event_services
from events.audience import audience_labels, may_register
from events.errors import RegistrationError
from events.models import Audience
from spaces.factories import add_member
from spaces.models import Membership
from spaces.resource_selectors import upcoming_events
from tests.events.conftest import event_index, home, make_event  # noqa: F401
from tests.spaces.conftest import space_with_host

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_event(make_event, open_space):  # noqa: F811
    return make_event(
        title="Coalition assembly",
        slug="coalition-assembly",
        audience=Audience.COHORTS,
        audience_groups=f"some-cohort, {open_space.code}",
    )


def test_an_active_member_may_register_a_non_member_may_not(group_event, open_space, amina, bruno):
    add_member(open_space, amina)
    assert may_register(group_event, amina)
    result = event_services.registration_create(event=group_event, user=amina)
    assert result.registration.user == amina
    assert not may_register(group_event, bruno)
    with pytest.raises(RegistrationError) as exc:
        event_services.registration_create(event=group_event, user=bruno)
    assert exc.value.code == "audience"


def test_a_member_who_left_or_was_only_invited_may_not_register(group_event, open_space, amina):
    add_member(open_space, amina, state=Membership.State.INVITED)
    assert not may_register(group_event, amina)
    add_member(open_space, amina, state=Membership.State.LEFT)
    assert not may_register(group_event, amina)


def test_a_longer_slug_is_another_group(make_event, open_space, host, amina):  # noqa: F811
    other = space_with_host(host, slug=f"{open_space.slug}-2")
    add_member(other, amina)
    event = make_event(audience=Audience.COHORTS, audience_groups=open_space.code)
    assert not may_register(event, amina)
    assert [e.pk for e in upcoming_events(other, amina)] == []
    assert [e.pk for e in upcoming_events(open_space, amina)] == [event.pk]


def test_the_register_button_follows_the_group(client, group_event, open_space, amina, bruno):
    add_member(open_space, amina)
    client.force_login(amina)
    response = client.post(f"{group_event.url}register/")
    assert response.status_code in (200, 302)
    assert group_event.registrations.filter(user=amina).exists()
    client.force_login(bruno)
    client.post(f"{group_event.url}register/")
    assert not group_event.registrations.filter(user=bruno).exists()


def test_upcoming_events_lists_only_live_upcoming_events_of_the_group(
    make_event,  # noqa: F811
    open_space,
    host,
):
    today = timezone.now().date()
    soon = make_event(
        title="Soon",
        audience=Audience.COHORTS,
        audience_groups=open_space.code,
        start_date=today + timedelta(days=3),
    )
    later = make_event(
        title="Later",
        audience=Audience.COHORTS,
        audience_groups=f"GROUP:{open_space.slug.upper()}",
        start_date=today + timedelta(days=20),
    )
    make_event(
        title="Past",
        audience=Audience.COHORTS,
        audience_groups=open_space.code,
        start_date=today - timedelta(days=3),
    )
    make_event(title="Everyone", audience=Audience.PUBLIC, audience_groups=open_space.code)
    draft = make_event(title="Draft", audience=Audience.COHORTS, audience_groups=open_space.code)
    draft.unpublish()
    assert [e.title for e in upcoming_events(open_space, host)] == ["Soon", "Later"]
    assert [e.pk for e in upcoming_events(open_space, host, limit=1)] == [soon.pk]
    assert later.pk


def test_upcoming_events_cost_the_same_at_two_sizes(
    make_event,  # noqa: F811
    open_space,
    host,
    django_assert_max_num_queries,
):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    def render():
        request = RequestFactory().get("/")
        request.user = host
        events = upcoming_events(open_space, host)
        return render_to_string(
            "spaces/includes/events.html",
            {"space": open_space, "events": events},
            request=request,
        )

    make_event(audience=Audience.COHORTS, audience_groups=open_space.code)
    render()
    with django_assert_max_num_queries(10) as small:
        render()
    for _n in range(4):
        make_event(audience=Audience.COHORTS, audience_groups=open_space.code)
    render()  # new events start a new generation of the shared site and locale cache
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = render()
    assert html.count('class="card"') == 5


@pytest.fixture
def secret_event(make_event, secret_space):  # noqa: F811
    secret_space.name = "Whistleblowers circle"
    secret_space.save()
    return make_event(
        title="Closed-door meeting",
        slug="closed-door",
        audience=Audience.COHORTS,
        audience_groups=secret_space.code,
    )


def test_a_secret_groups_name_never_reaches_a_non_member(
    client,
    secret_event,
    secret_space,
    host,
    amina,
    event_index,  # noqa: F811
):
    add_member(secret_space, amina)
    outsider = make_member()
    paths = [
        secret_event.url,
        event_index.url,
        f"{secret_event.url}ics/",
        f"{event_index.url}feed/",
    ]
    for viewer in (None, outsider):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        for path in paths:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode()
            assert "Whistleblowers circle" not in text, path
            assert secret_space.slug not in text, path
        assert audience_labels(secret_event, viewer) == ["Members of a group"]
    page = client.get(secret_event.url).content.decode()
    assert "For: Members of a group" in page
    client.force_login(amina)
    page = client.get(secret_event.url).content.decode()
    assert "For: Members of Whistleblowers circle" in page


def test_a_visible_groups_name_is_shown_and_unknown_codes_are_generic(
    make_event,  # noqa: F811
    open_space,
):
    event = make_event(
        audience=Audience.COHORTS,
        audience_groups=f"{open_space.code},group:no-such-group,group:,some-cohort",
    )
    assert audience_labels(event, None) == [f"Members of {open_space.name}", "Members of a group"]
    event.audience = Audience.MEMBERS
    assert audience_labels(event, None) == []


def test_the_events_admin_field_says_it_takes_groups(event_index):  # noqa: F811
    from events.models import EventPage

    panel = next(
        p
        for p in EventPage.registration_panels
        if getattr(p, "field_name", None) == "audience_groups"
    )
    assert "group:" in str(panel.help_text)
    assert str(panel.heading) == "Cohorts, alumni networks or groups"
    assert reverse("spaces:space", args=["x"])


def test_upcoming_events_are_in_the_readers_language(make_event, open_space, host):  # noqa: F811
    from django.utils import translation

    from wagtail.models import Locale

    event = make_event(
        title="Coalition assembly", audience=Audience.COHORTS, audience_groups=open_space.code
    )
    french = event.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title = "Assemblée de la coalition"
    french.save_revision().publish()
    with translation.override("fr"):
        assert [e.title for e in upcoming_events(open_space, host)] == ["Assemblée de la coalition"]
    with translation.override("es"):  # not translated: the original
        assert [e.title for e in upcoming_events(open_space, host)] == ["Coalition assembly"]
    assert [e.title for e in upcoming_events(open_space, host)] == ["Coalition assembly"]
