"""manage.py seed_scale at a small size, on the part of the demo it needs."""

import re

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from allauth.account.models import EmailAddress

from community.models import Connection, Profile, User, Visibility
from home.demo.scale import members as scale_members
from home.demo.scale import words
from tests.pages import seed_demo_site

MEMBERS = 60
EVENTS = 6
STORIES = 6
SCALE = {"members": MEMBERS, "events": EVENTS, "stories": STORIES}


def _reverse_en(name, *args):
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(name, args=args)


def scale_users():
    return User.objects.filter(email__endswith=f"@{scale_members.EMAIL_DOMAIN}")


def scale_profiles():
    return Profile.objects.filter(user__in=scale_users())


def scale_connections():
    ids = scale_users().values("pk")
    return Connection.objects.filter(user_low__in=ids, user_high__in=ids)


@pytest.fixture(scope="module")
def _scaled(module_db):
    from content.models import StoryIndexPage
    from events.models import EventIndexPage
    from home.models import HomePage

    # The site, its themes and the member directory; then the two indexes scale pages go
    # under (the demo's events and stories steps would take most of a minute).
    seed_demo_site(only={"home.demo.seed", "community.demo.seed"})
    home = HomePage.objects.get(locale__language_code="en")
    home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    # One cohort, one award programme with a category and two open groups, from factories.
    from awards.factories import (
        AwardCategoryFactory,
        AwardIndexPageFactory,
        AwardProgrammePageFactory,
    )
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from spaces.factories import SpaceFactory
    from spaces.models.spaces import Access

    CohortPageFactory(parent=ProgrammePageFactory(parent=home))
    AwardCategoryFactory(page=AwardProgrammePageFactory(parent=AwardIndexPageFactory(parent=home)))
    SpaceFactory(access=Access.OPEN)
    SpaceFactory(access=Access.REQUEST)
    call_command("seed_scale", quiet=True, **SCALE)


@pytest.fixture
def scaled(_scaled, db):
    return None


def test_without_a_site_it_says_to_run_seed_demo_first(db):
    from wagtail.models import Site

    Site.objects.all().delete()
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_scale", quiet=True, **SCALE)


def test_members_have_verified_addresses_profiles_and_connections(scaled):
    assert scale_users().count() == MEMBERS
    assert scale_profiles().count() == MEMBERS
    assert (
        EmailAddress.objects.filter(
            email__endswith=f"@{scale_members.EMAIL_DOMAIN}", verified=True, primary=True
        ).count()
        == MEMBERS
    )
    # About five connections a member, each one stored once for its two members.
    assert MEMBERS * 3 / 2 <= scale_connections().count() <= MEMBERS * 7 / 2
    profiles = list(scale_profiles())
    assert len({p.sector for p in profiles}) >= 6
    assert len({p.region for p in profiles}) == 4
    assert all(p.region for p in profiles)  # save() did not run: the seeder set it


def test_every_privacy_level_is_used_and_no_field_is_wider_than_its_profile(scaled):
    profiles = list(scale_profiles())
    assert {p.visibility for p in profiles} == set(Visibility.values)
    shares = {v: sum(p.visibility == v for p in profiles) / len(profiles) for v in Visibility}
    assert shares[Visibility.MEMBERS] > 0.4
    for profile in profiles:
        for field in scale_members.FIELDS:
            assert getattr(profile, f"{field}_visibility") <= profile.visibility
    assert not any(p.allow_search_engines for p in profiles if p.visibility != Visibility.PUBLIC)


def test_a_second_run_creates_nothing_and_a_larger_run_adds_the_difference(scaled):
    users, connections = scale_users().count(), set(scale_connections().values_list("pk"))
    call_command("seed_scale", quiet=True, **SCALE)
    assert scale_users().count() == users
    assert set(scale_connections().values_list("pk")) == connections

    from cohorts.models import Application
    from messaging.models import Conversation

    conversations = set(Conversation.objects.values_list("pk", flat=True))
    users_before = set(scale_users().values_list("pk", flat=True))
    applications = set(Application.objects.values_list("pk", flat=True))
    call_command("seed_scale", quiet=True, **{**SCALE, "members": MEMBERS * 2})
    assert scale_users().count() == MEMBERS * 2
    assert scale_profiles().count() == MEMBERS * 2
    # The earlier rows are all kept; the new members bring their own, in proportion.
    assert connections < set(scale_connections().values_list("pk"))
    now_conversations = set(Conversation.objects.values_list("pk", flat=True))
    assert conversations <= now_conversations
    # Only the new members' connections bring new conversations: the earlier pairs'
    # choices stay as they were.
    newcomers = set(scale_users().values_list("pk", flat=True)) - users_before
    added = Conversation.objects.filter(pk__in=now_conversations - conversations)
    assert set(added.values_list("pair_high", flat=True)) <= newcomers
    assert applications <= set(Application.objects.values_list("pk", flat=True))


def test_a_common_word_is_in_a_few_per_cent_of_bios_not_most(scaled):
    bios = list(scale_profiles().exclude(bio="").values_list("bio", flat=True))
    common = re.compile(r"\bbudget\b", re.IGNORECASE)
    share = sum(bool(common.search(bio)) for bio in bios) / len(bios)
    assert 0.01 <= share <= 0.10, share


def test_the_vocabulary_is_large_and_zipf_like():
    assert len(words.all_words()) > 2000
    people = [scale_members.person(2026, n) for n in range(1, 3001)]
    bios = [p["bio"] for p in people if p["bio"]]

    def share(word):
        pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
        return sum(bool(pattern.search(bio)) for bio in bios) / len(bios)

    assert 0.02 <= share("budget") <= 0.06
    assert share("transparency") < share("budget")
    assert share("geodata") < 0.01  # the long tail
    # Nothing in the vocabulary is in most bios.
    assert max(share(w) for w in words.EN[:20]) < 0.10


def test_a_scale_member_can_sign_in_with_the_documented_password(scaled, client):
    response = client.post(
        "/en/accounts/login/",
        {"login": scale_members.email_for(7), "password": scale_members.PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email=scale_members.email_for(7)).pk
    )
    # A wrong password is refused: the hash is a real one, not a bypass.
    client.logout()
    client.post("/en/accounts/login/", {"login": scale_members.email_for(8), "password": "nope"})
    assert "_auth_user_id" not in client.session


def test_the_directory_lists_scale_members(scaled, client):
    from community.models import DirectoryPage

    member = scale_users().get(email=scale_members.email_for(1))
    client.force_login(member)
    directory = DirectoryPage.objects.live().get(locale__language_code="en")
    response = client.get(directory.url)
    assert response.status_code == 200
    public = scale_profiles().filter(visibility=Visibility.PUBLIC).order_by("display_name")
    assert public.first().display_name in response.content.decode()


def scale_events():
    from events.models import EventPage

    return EventPage.objects.filter(slug__startswith="scale-event-")


def scale_stories():
    from content.models import StoryPage

    return StoryPage.objects.filter(slug__startswith="scale-story-")


def test_events_and_stories_are_live_pages_in_a_valid_tree(scaled, client):
    from wagtail.models import Page

    assert scale_events().live().count() == EVENTS
    assert scale_stories().live().count() == STORIES
    assert Page.find_problems() == ([], [], [], [], [])
    event = scale_events().order_by("slug").first()
    assert event.themes.exists()
    assert event.start < event.end
    response = client.get(event.url)
    assert response.status_code == 200
    assert event.title in response.content.decode()
    story = scale_stories().order_by("slug").first()
    response = client.get(story.url)
    assert response.status_code == 200
    assert story.title in response.content.decode()
    # Site search finds them (they are in Wagtail's search index).
    from events.models import EventPage

    assert event in list(EventPage.objects.live().search(event.title)[:50])
    # The index lists them too.
    response = client.get(event.get_parent().url)
    assert response.status_code == 200
    # Editors can open one in Wagtail's editor (no revision yet: it starts from the page).
    client.force_login(User.objects.get(email="admin@example.org"))
    response = client.get(f"/admin/pages/{event.pk}/edit/")
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_a_larger_run_adds_pages_after_the_existing_ones(scaled):
    from wagtail.models import Page

    call_command("seed_scale", quiet=True, **{**SCALE, "events": EVENTS + 3, "stories": STORIES})
    assert scale_events().count() == EVENTS + 3
    assert scale_stories().count() == STORIES
    assert Page.find_problems() == ([], [], [], [], [])
    paths = list(scale_events().order_by("slug").values_list("path", flat=True))
    assert paths == sorted(paths)


def test_registrations_keep_the_capacity_and_the_waiting_list_rules(scaled):
    from events.models import Registration, RegistrationStatus

    registrations = Registration.objects.filter(event__in=scale_events())
    assert registrations.count() > EVENTS
    assert {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED} <= set(
        registrations.values_list("status", flat=True)
    )
    for event in scale_events():
        confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
        if event.capacity:
            assert confirmed <= event.capacity, event.slug
        if waiting:  # a waiting list only when every place is taken
            assert event.capacity and confirmed == event.capacity, event.slug
        queue = list(event.registrations.values_list("queue_number", flat=True))
        assert len(queue) == len(set(queue))


def test_applications_nominations_groups_and_messages_in_proportion(scaled, client):
    from awards.models import Nomination
    from cohorts.models import Application
    from messaging.models import Conversation, Message
    from spaces.models import Membership

    applications = Application.objects.filter(applicant__in=scale_users())
    assert 1 <= applications.count() <= MEMBERS // 40 + 1  # one member in forty
    assert not applications.filter(status="submitted", submissions__isnull=True).exists()
    assert Nomination.objects.filter(nominator__in=scale_users()).count() >= 1
    assert Membership.objects.filter(user__in=scale_users()).count() >= MEMBERS // 10
    from spaces.models import Post, Thread

    threads = Thread.objects.filter(author__in=scale_users())
    assert threads.count() >= 2  # one per group at this size
    for thread in threads:
        authors = set(thread.posts.values_list("author", flat=True))
        assert thread.post_count == thread.posts.count()
        # Only the group's active members write in it.
        assert authors <= set(
            Membership.objects.filter(space=thread.space, state="active").values_list(
                "user", flat=True
            )
        )
    assert Post.objects.filter(thread__in=threads).exclude(html="").exists()
    thread = threads.select_related("space", "author").first()
    client.force_login(thread.author)
    response = client.get(_reverse_en("spaces:thread", thread.space.slug, thread.pk))
    assert response.status_code == 200
    assert thread.title in response.content.decode()
    client.logout()
    conversations = Conversation.objects.filter(pair_low__in=scale_users())
    assert MEMBERS // 30 <= conversations.count() <= MEMBERS // 4  # about one in ten
    for conversation in conversations:
        assert conversation.participants.count() == 2
        # Only connected members write to each other.
        assert Connection.objects.filter(
            user_low=conversation.pair_low_id, user_high=conversation.pair_high_id
        ).exists()
    message = Message.objects.filter(conversation__in=conversations).first()
    assert message.html
    client.force_login(message.sender)
    response = client.get(_reverse_en("messaging:conversation", message.conversation_id))
    assert response.status_code == 200
    assert message.body[:20] in response.content.decode()


def test_nothing_is_sent(scaled, mailoutbox):
    from home.models import Notification

    call_command("seed_scale", quiet=True, **{**SCALE, "members": MEMBERS + 10})
    assert mailoutbox == []
    assert not Notification.objects.filter(recipient__in=scale_users()).exists()


def test_the_progress_bar_is_silent_unless_on_a_terminal():
    import io

    from home.demo.scale.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    for stream, quiet, drawn in (
        (io.StringIO(), False, False),
        (Terminal(), True, False),
        (Terminal(), False, True),
    ):
        with Progress("members", 10, quiet=quiet, stream=stream) as bar:
            bar.advance(10)
        assert ("10/10" in stream.getvalue()) is drawn
