"""Messaging outside its own pages: the "Message" button on profiles and directory cards,
the message settings page, the header's count, "My messages" on /me/, the demo data."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from community.factories import make_member
from community.models import Visibility
from messaging import services
from messaging.models import Conversation, MessagingSettings
from messaging.models.conversations import Audience
from tests.messaging import surface_fixtures
from tests.messaging.conftest import connect
from tests.messaging.surface_fixtures import message_links

pytestmark = pytest.mark.django_db

directory = surface_fixtures.directory
start_route = surface_fixtures.start_route


def profile_url(user) -> str:
    return reverse("community:profile", args=[user.profile.pk])


# ---------------------------------------------------------------------------
# The "Message" button
# ---------------------------------------------------------------------------


def test_profile_of_a_connection_has_a_message_button(client, site, connected, start_route):
    amina, bruno = connected
    client.force_login(amina)
    response = client.get(profile_url(bruno))
    assert message_links(response, start_route) == [str(bruno.profile.pk)]
    assert "Bruno Costa</span></a>" in response.content.decode()


def test_no_button_for_a_stranger_visitor_or_oneself(client, site, amina, bruno, start_route):
    client.force_login(amina)
    assert message_links(client.get(profile_url(bruno)), start_route) == []
    assert message_links(client.get(profile_url(amina)), start_route) == []
    client.logout()
    bruno.profile.visibility = Visibility.PUBLIC  # so a visitor sees the page
    bruno.profile.save()
    response = client.get(profile_url(bruno))
    assert response.status_code == 200
    assert message_links(response, start_route) == []


def test_connected_but_closed_shows_nothing_and_says_nothing(client, site, connected, start_route):
    amina, bruno = connected
    services.settings_update(user=bruno, who_may_message=Audience.NOBODY)
    client.force_login(amina)
    response = client.get(profile_url(bruno))
    html = response.content.decode()
    assert "Bruno Costa" in html
    assert message_links(response, start_route) == []
    assert "does not receive" not in html
    assert "new conversations" not in html


def test_blocked_member_gets_no_button(client, site, connected, start_route):
    from community.models import Block

    amina, bruno = connected
    Block.objects.create(blocker=bruno, blocked=amina)
    client.force_login(bruno)
    assert message_links(client.get(profile_url(amina)), start_route) == []


def _people(n, *, connected_to, name="Member"):
    people = [make_member(display_name=f"{name} {i:02d}") for i in range(n)]
    for person in people[::2]:
        connect(connected_to, person)
    return people


def test_directory_cards_show_the_button_where_allowed(client, directory, amina, start_route):
    people = _people(4, connected_to=amina)
    closed = people[2]
    services.settings_update(user=closed, who_may_message=Audience.NOBODY)
    client.force_login(amina)
    response = client.get(directory.url)
    html = response.content.decode()
    assert "Member 03" in html
    assert sorted(message_links(response, start_route)) == sorted([str(people[0].profile.pk)])


def _directory_queries(client, directory, viewer, n, name):
    _people(n, connected_to=viewer, name=name)
    client.force_login(viewer)
    client.get(directory.url)  # warm caches (site, locale, page tree)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory.url)
    assert response.status_code == 200
    return len(queries), response


def test_directory_query_count_does_not_grow_with_cards(
    client, directory, start_route, django_assert_max_num_queries
):
    small_viewer = make_member(display_name="Viewer Small")
    small, small_page = _directory_queries(client, directory, small_viewer, 3, "Small")
    assert len(message_links(small_page, start_route)) == 2
    big_viewer = make_member(display_name="Viewer Big")
    big, big_page = _directory_queries(client, directory, big_viewer, 30, "Big")
    # The first page: 20 of the 30 "Big" cards, every other one connected.
    assert len(message_links(big_page, start_route)) == 10
    assert big == small
    with django_assert_max_num_queries(small):
        client.get(directory.url)


# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------


def settings_url() -> str:
    return reverse("messaging:settings")


def test_settings_page_explains_the_three_choices(client, site, amina):
    client.force_login(amina)
    html = client.get(settings_url()).content.decode()
    assert "Who may start a conversation with me" in html
    assert "Only members you are connected with can start a conversation with you." in html
    assert "members who share a cohort or a group with you" in html
    assert "Nobody can start a new conversation with you." in html
    # The default is checked: connections and people in my cohorts and groups.
    assert re.search(r'value="shared"[^>]*checked', html)
    assert 'name="exchanges_at_once"' in html and 'value="3"' in html


def test_saving_settings(client, site, amina):
    client.force_login(amina)
    response = client.post(
        settings_url(),
        {"who_may_message": "nobody", "exchanges_paused": "on", "exchanges_at_once": "5"},
        follow=True,
    )
    assert "Your message settings are saved." in response.content.decode()
    saved = MessagingSettings.objects.get(user=amina)
    assert (saved.who_may_message, saved.exchanges_paused, saved.exchanges_at_once) == (
        "nobody",
        True,
        5,
    )
    assert re.search(r'value="nobody"[^>]*checked', response.content.decode())


@pytest.mark.parametrize(
    ("at_once", "message"),
    [
        ("11", "Ensure this value is less than or equal to 10."),
        ("0", "Ensure this value is greater than or equal to 1."),
        ("many", "Enter a whole number."),
    ],
)
def test_bad_settings_say_why_and_keep_what_was_typed(client, site, amina, at_once, message):
    client.force_login(amina)
    response = client.post(
        settings_url(), {"who_may_message": "connections", "exchanges_at_once": at_once}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{at_once}"' in html
    assert re.search(r'value="connections"[^>]*checked', html)
    assert not MessagingSettings.objects.filter(user=amina).exists()


def test_an_unknown_audience_is_refused(client, site, amina):
    client.force_login(amina)
    response = client.post(
        settings_url(), {"who_may_message": "everyone", "exchanges_at_once": "2"}
    )
    assert "Select a valid choice." in response.content.decode()
    assert not MessagingSettings.objects.filter(user=amina).exists()


def test_settings_need_an_account(client, site):
    response = client.get(settings_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


def test_settings_are_linked_from_account_profile_edit_and_notifications(client, site, amina):
    client.force_login(amina)
    for name in ("community:account", "community:profile_edit", "notifications:preferences"):
        html = client.get(reverse(name)).content.decode()
        assert f'href="{settings_url()}"' in html, name


# ---------------------------------------------------------------------------
# Header and /me/
# ---------------------------------------------------------------------------


def _talk(sender, recipient, body="Hello", **kwargs):
    return services.conversation_start(sender=sender, recipients=[recipient], body=body, **kwargs)


def test_header_shows_unread_conversations(client, site, connected):
    amina, bruno = connected
    client.force_login(bruno)
    html = client.get(reverse("me")).content.decode()
    assert f'href="{reverse("messaging:inbox")}">Messages</a>' in html
    _talk(amina, bruno)
    html = client.get(reverse("me")).content.decode()
    assert re.search(
        r'>Messages <span class="count">1<span class="visually-hidden"> unread</span></span></a>',
        html,
    )


def test_me_section_lists_the_latest_three(client, site, amina):
    people = [make_member(display_name=f"Peer {i}") for i in range(4)]
    for person in people:
        connect(amina, person)
        _talk(person, amina, body=f"From {person.profile.display_name}")
    services.message_send(sender=people[3], conversation=Conversation.objects.last(), body="Again")
    client.force_login(amina)
    html = client.get(reverse("me")).content.decode()
    section = html.split('id="me-messages"')[1].split("</section>")[0]
    assert "My messages" in section
    assert "4 conversations with new messages" in section
    assert "Peer 3" in section and "2 new" in section
    assert "Peer 2" in section and "Peer 1" in section
    assert "Peer 0" not in section
    assert f'href="{reverse("messaging:inbox")}"' in section


def test_me_section_when_there_is_nothing(client, site, amina):
    client.force_login(amina)
    html = client.get(reverse("me")).content.decode()
    assert "You have no conversations yet." in html


@pytest.mark.parametrize("n", [2, 12])
def test_me_section_queries_are_bounded(n, amina, django_assert_max_num_queries):
    from messaging.surfaces import me_messages

    for i in range(n):
        person = make_member(display_name=f"Peer {i}")
        connect(amina, person)
        _talk(person, amina)
    with django_assert_max_num_queries(3):
        result = me_messages(amina)
    assert len(result["conversations"]) == min(n, 3)
    assert result["unread_count"] == n


# ---------------------------------------------------------------------------
# Demo data
# ---------------------------------------------------------------------------


def test_demo_conversations_are_seeded_once(site):
    from community.demo.seed import seed as seed_members
    from messaging.demo.seed import CONVERSATIONS
    from messaging.demo.seed import seed as seed_messages

    log = []
    seed_members(log.append)
    seed_messages(log.append)
    seed_messages(log.append)
    assert Conversation.objects.count() == len(CONVERSATIONS)
    assert log.count(f"Created {len(CONVERSATIONS)} demo conversations.") == 1
    group = Conversation.objects.get(kind=Conversation.Kind.GROUP)
    assert group.participants.count() == 3
    languages = set(Conversation.objects.values_list("messages__language", flat=True).distinct())
    assert {"fr", "es", "en"} <= languages


def test_my_network_has_a_message_button_per_connection(client, site, amina, start_route):
    people = [make_member(display_name=f"Peer {i}") for i in range(3)]
    for person in people:
        connect(amina, person)
    services.settings_update(user=people[1], who_may_message=Audience.NOBODY)
    client.force_login(amina)
    response = client.get(reverse("community:network"))
    html = response.content.decode()
    assert "Peer 1" in html
    assert sorted(message_links(response, start_route)) == sorted(
        [str(people[0].profile.pk), str(people[2].profile.pk)]
    )


def test_my_network_queries_do_not_grow_with_connections(client, site, start_route):
    counts = []
    for n in (2, 12):
        viewer = make_member(display_name=f"Viewer {n}")
        for i in range(n):
            connect(viewer, make_member(display_name=f"Peer {n}-{i}"))
        client.force_login(viewer)
        client.get(reverse("community:network"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("community:network"))
        assert len(message_links(response, start_route)) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_me_section_does_not_count_what_a_blocked_member_writes(amina, bruno):
    from community.models import Block
    from messaging.surfaces import me_messages

    carla = make_member(display_name="Carla Group")
    for a, b in [(amina, bruno), (amina, carla), (bruno, carla)]:
        connect(a, b)
    group = services.conversation_start(
        sender=carla, recipients=[amina, bruno], body="Welcome", title="Budget group"
    )
    services.conversation_read(user=amina, conversation=group)
    Block.objects.create(blocker=amina, blocked=bruno)
    services.message_send(sender=bruno, conversation=group, body="Hidden from Amina")
    services.message_send(sender=carla, conversation=group, body="Seen by Amina")
    (row,) = me_messages(amina)["conversations"]
    assert row["conversation"].title == "Budget group"
    assert row["new"] == 1
