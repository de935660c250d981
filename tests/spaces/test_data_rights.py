"""Data rights in groups: the download holds a member's posts, threads, memberships,
follows and resources; deleting the account leaves their posts to the others as
"Former member", and takes their memberships and follows."""

import json

from django.utils import timezone

import pytest

from community import services as community_services
from community.factories import make_member
from messaging.models import Report
from spaces.factories import add_member
from spaces.models import Membership, Post, Resource, Thread, ThreadSubscription
from spaces.selectors import display_name
from spaces.services.moderation import post_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(open_space, secret_space, amina, bruno, host):
    """Amina starts a thread, Bruno replies, Amina answers, follows a thread, shares a
    link; she also asked to join another group."""
    now = timezone.now()
    add_member(open_space, amina)
    add_member(open_space, bruno)
    add_member(secret_space, amina, state=Membership.State.REQUESTED)
    thread = Thread.objects.create(
        space=open_space, author=amina, title="Open budgets", created_at=now, last_post_at=now
    )
    first = Post.objects.create(
        thread=thread,
        author=amina,
        body="How do we open the budget?",
        language="en",
        created_at=now,
    )
    Post.objects.create(thread=thread, author=bruno, body="Bruno's own reply", created_at=now)
    answer = Post.objects.create(
        thread=thread, author=amina, body="Merci Bruno", language="fr", created_at=now
    )
    other = Thread.objects.create(
        space=open_space, author=bruno, title="Procurement", created_at=now, last_post_at=now
    )
    ThreadSubscription.objects.create(thread=other, user=amina, state="mute")
    ThreadSubscription.objects.create(thread=thread, user=amina, state="follow")
    resource = Resource.objects.create(
        space=open_space,
        added_by=amina,
        title="Budget guide",
        url="https://example.org/guide",
        created_at=now,
    )
    return thread, first, answer, resource


def test_the_download_holds_posts_threads_memberships_follows_and_resources(
    client, site, history, amina, open_space, secret_space
):
    thread, first, answer, resource = history
    client.force_login(amina)
    response = client.get("/en/community/account/data/")
    data = json.loads(response.content)["groups"]
    assert [(p["text"], p["thread"], p["group"]) for p in data["posts"]] == [
        ("How do we open the budget?", "Open budgets", open_space.name),
        ("Merci Bruno", "Open budgets", open_space.name),
    ]
    assert data["posts"][1]["language"] == "fr"
    assert data["posts"][0]["posted_at"] == first.created_at.isoformat()
    assert [t["title"] for t in data["threads"]] == ["Open budgets"]
    assert {(m["group"], m["state"]) for m in data["memberships"]} == {
        (open_space.name, "active"),
        (secret_space.name, "requested"),
    }
    assert {(f["thread"], f["state"]) for f in data["follows"]} == {
        ("Open budgets", "follow"),
        ("Procurement", "mute"),
    }
    shared = json.loads(response.content)["group_resources"]
    assert [(r["title"], r["link"]) for r in shared] == [
        ("Budget guide", "https://example.org/guide")
    ]
    # Other members' posts are theirs, not part of this download.
    assert "Bruno's own reply" not in response.content.decode()


def test_the_download_costs_the_same_whatever_the_number_of_posts(
    history, amina, django_assert_max_num_queries
):
    from spaces.services.accounts import member_data

    thread = history[0]
    with django_assert_max_num_queries(5):
        small = member_data(amina)
    for n in range(20):
        Post.objects.create(
            thread=thread, author=amina, body=f"More {n}", created_at=timezone.now()
        )
    with django_assert_max_num_queries(5):
        large = member_data(amina)
    assert len(large["posts"]) == len(small["posts"]) + 20


def test_a_member_without_groups_downloads_empty_sections(client, site):
    member = make_member(display_name="Quiet Member")
    client.force_login(member)
    data = json.loads(client.get("/en/community/account/data/").content)["groups"]
    assert data == {
        "posts": [],
        "threads": [],
        "memberships": [],
        "follows": [],
    }


def test_deletion_leaves_posts_as_former_member_and_takes_memberships_and_follows(
    history, amina, bruno, open_space, django_capture_on_commit_callbacks
):
    thread, first, answer, resource = history
    with django_capture_on_commit_callbacks(execute=True):
        community_services.account_delete(user=amina)
    first.refresh_from_db()
    answer.refresh_from_db()
    assert first.author is None and first.body == "How do we open the budget?"
    assert answer.author is None and answer.body == "Merci Bruno"
    assert display_name(first.author) == "Former member"
    thread.refresh_from_db()
    assert thread.author is None and thread.posts.count() == 3
    resource.refresh_from_db()
    assert resource.added_by is None and resource.title == "Budget guide"
    assert not Membership.objects.filter(user_id=amina.pk).exists()
    assert not ThreadSubscription.objects.filter(user_id=amina.pk).exists()
    assert Membership.objects.filter(space=open_space, user=bruno).exists()


def test_deletion_takes_the_authors_name_out_of_reports_about_their_posts(
    history, amina, bruno, open_space, django_capture_on_commit_callbacks
):
    reply = Post.objects.get(author=bruno)
    report = post_report(reporter=amina, post=reply, reason="spam")
    assert report.evidence[0]["sender"] == "Bruno Costa"
    with django_capture_on_commit_callbacks(execute=True):
        community_services.account_delete(user=bruno)
    report.refresh_from_db()
    assert report.reported is None
    assert report.evidence[0]["sender"] == "" and report.evidence[0]["sender_id"] is None
    assert report.evidence[0]["body"] == "Bruno's own reply"
    assert "Bruno Costa" not in json.dumps(report.evidence)
    assert Report.objects.get().reporter == amina
