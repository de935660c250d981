"""The thread list and the thread page cost the same number of queries whatever the
number of threads, posts and authors; search finds threads only for members."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from community.factories import make_member
from community.models import Block
from spaces import discussion_selectors
from spaces.factories import add_member
from spaces.models import Post, Thread
from spaces.services import discussions as services

pytestmark = pytest.mark.django_db


def make_threads(space, count, authors):
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            space=space,
            author=authors[i % len(authors)],
            title=f"Thread {i}",
            created_at=now - timedelta(minutes=i),
            last_post_at=now - timedelta(minutes=i),
            post_count=1,
            pinned_at=now if i % 7 == 0 else None,
        )
        for i in range(count)
    )
    return threads


def make_posts(thread, count):
    now = timezone.now()
    authors = []
    for i in range(count):
        user = make_member(display_name=f"Author {i}")
        add_member(thread.space, user)
        authors.append(user)
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=authors[i],
            body=f"Post {i}",
            html=f"<p>Post {i}</p>",
            language="en",
            quote_text="Quoted words" if i % 3 else "",
            created_at=now + timedelta(seconds=i),
        )
        for i in range(count)
    )
    posts = list(thread.posts.order_by("pk"))
    for i, post in enumerate(posts[1:], start=1):
        if i % 3:
            post.quote = posts[i - 1]
    Post.objects.bulk_update(posts, ["quote"])


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_thread_list_costs_the_same_for_3_and_40_threads(
    client, open_space, amina, bruno, django_assert_max_num_queries
):
    add_member(open_space, amina)
    add_member(open_space, bruno)
    client.force_login(amina)
    path = reverse("spaces:threads", args=[open_space.slug])
    make_threads(open_space, 3, [amina, bruno])
    small = count_queries(client, path)
    others = [make_member(display_name=f"Poster {i}") for i in range(10)]
    make_threads(open_space, 37, others)
    with django_assert_max_num_queries(small):
        response = client.get(path)
    assert response.content.decode().count('class="card thread-row"') == 20
    assert count_queries(client, path + "?page=2") <= small


def test_the_thread_page_costs_the_same_for_5_and_60_posts_by_different_authors(
    client, open_space, amina, django_assert_max_num_queries
):
    add_member(open_space, amina)
    client.force_login(amina)
    small_thread = services.thread_start(author=amina, space=open_space, title="Small", body="x")
    make_posts(small_thread, 4)
    big_thread = services.thread_start(author=amina, space=open_space, title="Big", body="x")
    make_posts(big_thread, 59)
    small = count_queries(client, reverse("spaces:thread", args=[open_space.slug, small_thread.pk]))
    path = reverse("spaces:thread", args=[open_space.slug, big_thread.pk])
    with django_assert_max_num_queries(small):
        response = client.get(path)
    body = response.content.decode()
    assert body.count('class="card post"') == 30
    with django_assert_max_num_queries(small):
        response = client.get(path + "?page=last")
    assert "Author 58" in response.content.decode()


def test_the_selectors_read_a_fixed_number_of_queries(
    open_space, amina, django_assert_max_num_queries
):
    add_member(open_space, amina)
    thread = services.thread_start(author=amina, space=open_space, title="T", body="x")
    make_posts(thread, 40)
    make_threads(open_space, 30, [amina])
    # blocks, the viewer's membership and permissions (hidden threads), count, page, authors
    with django_assert_max_num_queries(8):
        page = discussion_selectors.threads_page(open_space, amina, 1)
        [t.author_display.name for t in page.object_list]
    with django_assert_max_num_queries(4):
        page = discussion_selectors.posts_page(thread, amina, "last")
        [p.author_display.name for p in page.object_list]


# --- search -------------------------------------------------------------------


def search(client, query):
    return client.get(reverse("search"), {"q": query}).content.decode()


def test_search_finds_threads_only_for_active_members(client, open_space, host, amina, bruno):
    add_member(open_space, amina)
    services.thread_start(
        author=host, space=open_space, title="Participatory budgeting", body="Porto Alegre"
    )
    services.thread_start(author=host, space=open_space, title="Other", body="Open contracting")
    found = discussion_selectors.search_threads(amina, "budgeting")
    assert [t.title for t in found] == ["Participatory budgeting"]
    assert [t.title for t in discussion_selectors.search_threads(amina, "contracting")] == ["Other"]
    assert discussion_selectors.search_threads(bruno, "budgeting") == []
    client.force_login(amina)
    assert "Participatory budgeting" in search(client, "budgeting")
    client.force_login(bruno)
    assert "Participatory budgeting" not in search(client, "budgeting")
    client.logout()
    assert "Participatory budgeting" not in search(client, "budgeting")


def test_search_leaves_out_hidden_threads_blocked_people_and_secret_groups(
    client, open_space, secret_space, host, amina, bruno
):
    add_member(open_space, amina)
    add_member(open_space, bruno)
    hidden = services.thread_start(author=host, space=open_space, title="Hidden plan", body="x")
    services.thread_set(host=host, thread=hidden, hidden=True)
    services.thread_start(author=bruno, space=open_space, title="Bruno plan", body="x")
    mine = services.thread_start(author=host, space=open_space, title="Host plan", body="x")
    services.post_reply(author=bruno, thread=mine, body="A secret word: zebra")
    services.thread_start(author=host, space=secret_space, title="Secret plan", body="x")
    Block.objects.create(blocker=amina, blocked=bruno)
    titles = [t.title for t in discussion_selectors.search_threads(amina, "plan")]
    assert titles == ["Host plan"]
    assert discussion_selectors.search_threads(amina, "zebra") == []
    assert discussion_selectors.search_threads(amina, "   ") == []
