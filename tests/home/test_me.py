"""A member's own space (/<lang>/me/): one test per item it shows, privacy, sign-in,
and a bounded number of queries whatever the member has."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import WorkflowState

import pytest

from awards.factories import AwardCategoryFactory, AwardIndexPageFactory, AwardProgrammePageFactory
from awards.models import Nomination
from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Application, ApplicationStatus
from community import services as community_services
from community.factories import StaffFactory, UserFactory
from content import services as content_services
from content.factories import StoryIndexPageFactory, StoryPageFactory
from events import services as event_services
from events.factories import EventIndexPageFactory, EventPageFactory
from home.models import Notification
from messaging import services as messaging_services
from tests.messaging.conftest import connect

pytestmark = pytest.mark.django_db

ME = "/en/me/"
#: The member, header counts, then each section's few reads (session and chrome cached).
QUERIES = 17  # "My groups" and "My network": one query for both lists each


@pytest.fixture
def home(site):
    return site.root_page.specific


@pytest.fixture
def make_event(home):
    index = EventIndexPageFactory(parent=home, slug="events")

    def make(**kwargs):
        day = kwargs.pop("day", (timezone.now() + timedelta(days=7)).date())
        event = EventPageFactory(parent=index, start_date=day, **kwargs)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    return make


@pytest.fixture
def make_cohort(home):
    programme = ProgrammePageFactory(parent=home, slug="leadership")
    return lambda **kwargs: CohortPageFactory(parent=programme, **kwargs)


@pytest.fixture
def category(home):
    programme = AwardProgrammePageFactory(parent=AwardIndexPageFactory(parent=home, slug="awards"))
    return AwardCategoryFactory(page=programme, name="Champions of civic space")


@pytest.fixture
def stories(home):
    return StoryIndexPageFactory(parent=home, slug="stories")


def named(user, name):
    user.profile.display_name = name
    user.profile.headline = "Reformer"
    user.profile.save()
    return user


def propose(member, stories, title):
    return content_services.story_propose(
        author=member, index=stories, title=title, summary="A summary.", body="A body."
    )


def section(html, key):
    """One section of the space page."""
    start = html.index(f'id="me-{key}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else None]


def me(client):
    response = client.get(ME)
    assert response.status_code == 200
    return response.content.decode()


# ---------------------------------------------------------------------------
# Getting there
# ---------------------------------------------------------------------------
def test_anonymous_visitors_are_sent_to_sign_in(client, site):
    response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/me/")


def test_the_header_links_my_space_on_every_page_for_members_only(client, member, site):
    assert 'href="/en/me/"' not in client.get("/en/").content.decode()
    client.force_login(member)
    assert 'href="/en/me/"' in client.get("/en/").content.decode()
    assert 'href="/fr/me/">Mon espace<' in client.get("/fr/").content.decode()
    assert 'href="/es/me/">Mi espacio<' in client.get("/es/search/").content.decode()


def test_signing_in_lands_on_my_space_unless_the_profile_is_empty(client, site):
    ready = named(UserFactory(email="ready@example.org"), "Ready Member")
    ready.set_password("a long passphrase 42")
    ready.save()
    response = client.post(
        "/fr/accounts/login/", {"login": "ready@example.org", "password": "a long passphrase 42"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/me/"
    client.logout()
    empty = UserFactory(email="empty@example.org")
    empty.profile.headline = ""
    empty.profile.save()
    empty.set_password("a long passphrase 42")
    empty.save()
    response = client.post(
        "/en/accounts/login/", {"login": "empty@example.org", "password": "a long passphrase 42"}
    )
    assert response["Location"] == "/en/community/profile/"


def test_every_section_says_what_is_missing_and_what_to_do(member_client, site):
    html = me(member_client)
    for heading in [
        "My events",
        "My applications",
        "My nominations",
        "My stories",
        "My network",
        "Notifications",
    ]:
        assert f">{heading}</h2>" in html
    assert "You are not registered for any upcoming event." in html
    assert "You have not applied to a cohort yet." in html
    assert "You have not nominated anyone yet." in html
    assert "You have not proposed a story yet." in html
    assert "You have no connections yet." in html
    assert "You have read all your notifications." in html


def test_the_space_reads_in_french_and_spanish(client, member, site):
    client.force_login(member)
    french = client.get("/fr/me/").content.decode()
    assert "<h1>Mon espace</h1>" in french
    spanish = client.get("/es/me/").content.decode()
    assert "<h1>Mi espacio</h1>" in spanish


# ---------------------------------------------------------------------------
# One test per item
# ---------------------------------------------------------------------------
def test_upcoming_events_with_ticket_calendar_link_and_waiting_list_position(
    member_client, member, make_event
):
    confirmed = make_event(title="Open contracting webinar", slug="webinar", capacity=5)
    event_services.registration_create(event=confirmed, user=member)
    full = make_event(title="Global Summit", slug="summit", capacity=1)
    event_services.registration_create(event=full, user=UserFactory())
    event_services.registration_create(event=full, user=UserFactory())
    event_services.registration_create(event=full, user=member)
    past = make_event(
        title="Last year's exchange", slug="past", day=(timezone.now() - timedelta(days=30)).date()
    )
    event_services.registration_create(event=past, user=member, now=past.start - timedelta(days=1))

    html = section(me(member_client), "events")
    assert "Open contracting webinar" in html and "Ticket confirmed" in html
    assert f'href="{confirmed.url}calendar/"' in html
    assert "Global Summit" in html and "Number 2 in line" in html
    assert "Last year&#x27;s exchange" not in html and "Last year's exchange" not in html


def test_applications_and_their_status_never_an_unreleased_decision(
    member_client, member, make_cohort
):
    Application.objects.create(
        cohort=make_cohort(title="Cohort on open contracting"),
        applicant=member,
        status=ApplicationStatus.SUBMITTED,
    )
    Application.objects.create(
        cohort=make_cohort(title="Cohort on civic space"),
        applicant=member,
        status=ApplicationStatus.ACCEPTED,  # decided, not released yet
    )
    html = me(member_client)
    assert "Cohort on open contracting" in html and "Submitted" in html
    assert "Cohort on civic space" in html and "Under review" in html
    assert "Accepted" not in html


def test_nominations_the_member_made_and_their_status(member_client, member, category):
    Nomination.objects.create(
        programme=category.page,
        category=category,
        nominator=member,
        nominee_name="Amina Diallo",
        status=Nomination.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    Nomination.objects.create(
        programme=category.page,
        category=category,
        nominator=member,
        nominee_name="Open Budget Coalition",
        status=Nomination.Status.DRAFT,
    )
    html = me(member_client)
    assert "Amina Diallo" in html and "Submitted" in html
    assert "Open Budget Coalition" in html and "Draft" in html
    assert "Champions of civic space" in html


def test_my_stories_and_where_they_are_in_moderation(member_client, member, stories):
    propose(member, stories, "How our council opened its budget")
    sent_back = propose(member, stories, "Courts that publish their rulings")
    state = WorkflowState.objects.get(object_id=str(sent_back.pk))
    state.current_task_state.task.specific.on_action(
        state.current_task_state, StaffFactory(is_superuser=True), "reject"
    )
    published = StoryPageFactory(parent=stories, title="Budgets in the open", submitted_by=member)
    published.save_revision().publish()

    html = me(member_client)
    assert "How our council opened its budget" in html
    assert "With the editorial team for review" in html
    assert "Courts that publish their rulings" in html and "Changes requested" in html
    assert f'<a href="{published.url}">Budgets in the open</a>' in html and "Published" in html


def test_connections_and_pending_requests_both_ways(member_client, member):
    friend = named(UserFactory(), "Carmen Friend")
    _, request = community_services.connection_request(sender=friend, recipient=member)
    community_services.connection_accept(request_id=request.pk, user=member)
    community_services.connection_request(
        sender=named(UserFactory(), "Ines Asking"), recipient=member
    )
    community_services.connection_request(
        sender=member, recipient=named(UserFactory(), "Omar Waiting")
    )

    network = section(me(member_client), "network")
    assert "Carmen Friend" in network and "1 connection" in network
    incoming = network[network.index("Requests for you") : network.index("Requests you sent")]
    assert "Ines Asking" in incoming and "Accept or decline" in incoming
    outgoing = network[network.index("Requests you sent") : network.index("My connections")]
    assert "Omar Waiting" in outgoing and "Waiting" in outgoing


def test_latest_unread_notifications_and_a_link_to_all(member_client, member):
    for n in range(7):
        Notification.objects.create(
            recipient=member, kind="test", title=f"Unread number {n}", language="en"
        )
    Notification.objects.create(
        recipient=member, kind="test", title="Already read", language="en", read_at=timezone.now()
    )
    html = me(member_client)
    assert "7 unread notifications" in html
    assert "Unread number 6" in html and "Unread number 2" in html
    assert "Unread number 1" not in html  # only the latest five
    assert "Already read" not in html
    assert 'href="/en/notifications/"' in html


# ---------------------------------------------------------------------------
# Privacy and bounded queries
# ---------------------------------------------------------------------------
def deliver_outbox():
    """What the queue does after commit: registration emails are rendered at delivery,
    with their in-app notifications."""
    from home import outbox
    from home.models import OutboxEmail

    pending = OutboxEmail.objects.filter(status="pending").order_by("pk")
    for pk in pending.values_list("pk", flat=True):  # in the order they were queued
        outbox.deliver(pk)


def fill(member, *, n, make_event, make_cohort, category, stories, tag):
    for i in range(n):
        event = make_event(title=f"Event {tag}{i}", slug=f"event-{tag}{i}", capacity=5)
        event_services.registration_create(event=event, user=member)
        Application.objects.create(
            cohort=make_cohort(title=f"Cohort {tag}{i}"),
            applicant=member,
            status=ApplicationStatus.SUBMITTED,
        )
        Nomination.objects.create(
            programme=category.page,
            category=category,
            nominator=member,
            nominee_name=f"Nominee {tag}{i}",
        )
        StoryPageFactory(parent=stories, title=f"Story {tag}{i}", submitted_by=member, live=False)
        community_services.connection_request(
            sender=named(UserFactory(), f"Asker {tag}{i}"), recipient=member
        )
        Notification.objects.create(
            recipient=member, kind="test", title=f"Notice {tag}{i}", language="en"
        )
        writer = named(UserFactory(), f"Writer {tag}{i}")
        connect(member, writer)
        messaging_services.conversation_start(sender=writer, recipients=[member], body="Hello")


def test_another_members_items_never_appear(
    member_client, member, make_event, make_cohort, category, stories
):
    other = UserFactory()
    fill(
        other,
        n=1,
        make_event=make_event,
        make_cohort=make_cohort,
        category=category,
        stories=stories,
        tag="other",
    )
    html = me(member_client)
    for text in [
        "Event other0",
        "Cohort other0",
        "Nominee other0",
        "Story other0",
        "Asker other0",
        "Notice other0",
    ]:
        assert text not in html
    assert "You are not registered for any upcoming event." in html


def test_the_space_reads_a_bounded_number_of_queries(
    client, member, make_event, make_cohort, category, stories, django_assert_num_queries
):
    """Every section has something to show (a waiting list too), at one and at six of
    each: the same number of queries."""
    client.force_login(member)
    sources = {"make_event": make_event, "make_cohort": make_cohort}
    sources.update(category=category, stories=stories)
    full = make_event(title="Full event", slug="full", capacity=1)
    event_services.registration_create(event=full, user=UserFactory())
    event_services.registration_create(event=full, user=member)
    friend = UserFactory()
    _, request = community_services.connection_request(sender=member, recipient=friend)
    community_services.connection_accept(request_id=request.pk, user=friend)
    community_services.connection_request(sender=member, recipient=UserFactory())
    fill(member, n=1, tag="a", **sources)
    deliver_outbox()
    me(client)  # warm the per-process caches (site root paths, content types)
    with django_assert_num_queries(QUERIES):
        assert "Event a0" in me(client)
    fill(member, n=6, tag="b", **sources)
    deliver_outbox()
    me(client)  # the new content starts a new chrome generation (home.chrome)
    with django_assert_num_queries(QUERIES):
        assert "Event b5" in me(client)
