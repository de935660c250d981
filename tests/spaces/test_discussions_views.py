"""The discussion pages as members, hosts, outsiders and blocked people see them."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

import pytest

from community.factories import make_member
from community.models import Block, Visibility
from spaces import discussion_selectors
from spaces.factories import add_member
from spaces.models import Post, Thread
from spaces.services import discussions as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(open_space, amina, bruno):
    add_member(open_space, amina)
    add_member(open_space, bruno)
    return open_space


@pytest.fixture
def thread(members, amina):
    return services.thread_start(
        author=amina, space=members, title="Open budgets in practice", body="How did you do it?"
    )


def url(name, *args):
    return reverse(f"spaces:{name}", args=args)


def page(client, user, path, **kw):
    client.force_login(user)
    return client.get(path, **kw)


def text(response):
    return response.content.decode()


# --- who may open what --------------------------------------------------------


def test_members_see_the_thread_list_and_outsiders_do_not(client, members, thread, amina):
    response = page(client, amina, url("threads", members.slug))
    assert response.status_code == 200
    assert "Open budgets in practice" in text(response)
    assert 'aria-current="page"' in text(response)
    outsider = make_member(display_name="Olu Outsider")
    assert page(client, outsider, url("threads", members.slug)).status_code == 403
    assert page(client, outsider, url("thread", members.slug, thread.pk)).status_code == 403
    client.logout()
    response = client.get(url("thread", members.slug, thread.pk))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_secret_groups_thread_does_not_exist_for_outsiders(client, secret_space, host, amina):
    secret = services.thread_start(author=host, space=secret_space, title="Plans", body="x")
    assert page(client, amina, url("thread", secret_space.slug, secret.pk)).status_code == 404


def test_bad_ids_answer_404_and_post_only_urls_405(client, members, thread, amina):
    assert page(client, amina, url("thread", members.slug, 999999)).status_code == 404
    assert client.get(url("reply", members.slug, thread.pk)).status_code == 405
    assert client.get(url("follow", members.slug, thread.pk)).status_code == 405
    assert client.get(url("post_edit", 999999)).status_code == 404
    assert client.get(url("post_delete", 999999)).status_code == 404
    assert client.get(url("thread", members.slug, thread.pk), {"page": "abc"}).status_code == 200
    assert client.get(url("thread", members.slug, thread.pk), {"quote": "abc"}).status_code == 200


def test_a_thread_of_another_group_is_not_found_here(client, members, request_space, host, amina):
    elsewhere = services.thread_start(author=host, space=request_space, title="Other", body="x")
    assert page(client, amina, url("thread", members.slug, elsewhere.pk)).status_code == 404


def test_a_hidden_thread_is_gone_for_members_and_marked_for_hosts(
    client, members, thread, amina, host
):
    services.thread_set(host=host, thread=thread, hidden=True)
    response = page(client, amina, url("threads", members.slug))
    assert "Open budgets in practice" not in text(response)
    assert page(client, amina, url("thread", members.slug, thread.pk)).status_code == 404
    response = page(client, host, url("threads", members.slug))
    assert "Open budgets in practice" in text(response) and "Hidden" in text(response)


# --- the thread page ----------------------------------------------------------


def test_the_thread_page_shows_posts_badges_and_controls(client, members, thread, host, bruno):
    services.thread_set(host=host, thread=thread, pinned=True, locked=True)
    reply = services.post_reply(author=host, thread=thread, body="Noted, *thanks*.")
    response = page(client, bruno, url("thread", members.slug, thread.pk))
    body = text(response)
    assert "Pinned" in body and "Locked" in body
    assert 'lang="en"' in body and "<em>thanks</em>" in body
    assert url("post_report", reply.pk) in body
    assert "This thread is locked: no new replies." in body
    assert "Pin" not in body.replace("Pinned", "")
    response = page(client, host, url("thread", members.slug, thread.pk))
    body = text(response)
    assert "Unpin" in body and "Unlock" in body and url("thread_host", members.slug, thread.pk)
    assert "as a host you can still reply" in body


def test_an_announcement_carries_its_badge(client, members, host, amina):
    announcement = services.thread_start(
        author=host, space=members, title="Friday", body="Session at 10.", announcement=True
    )
    response = page(client, amina, url("thread", members.slug, announcement.pk))
    assert "Announcement" in text(response)


def test_authors_are_named_within_profile_privacy(client, members, thread, amina, bruno, host):
    bruno.profile.visibility = Visibility.HIDDEN
    bruno.profile.save()
    services.post_reply(author=bruno, thread=thread, body="From the shadows")
    gone = make_member(display_name="Gone Soon")
    add_member(members, gone)
    services.post_reply(author=gone, thread=thread, body="Before I go")
    gone.delete()
    body = text(page(client, host, url("thread", members.slug, thread.pk)))
    assert reverse("community:profile", args=[amina.profile.pk]) in body
    assert "Amina Diallo" in body
    assert "Bruno Costa" not in body
    assert reverse("community:profile", args=[bruno.profile.pk]) not in body
    assert "A member" in body
    assert "Former member" in body and "Before I go" in body


def test_posts_and_threads_of_blocked_people_are_left_out(client, members, thread, amina, bruno):
    services.post_reply(author=bruno, thread=thread, body="Bruno's reply")
    services.thread_start(author=bruno, space=members, title="Bruno's thread", body="x")
    Block.objects.create(blocker=bruno, blocked=amina)
    body = text(page(client, amina, url("thread", members.slug, thread.pk)))
    assert "Bruno&#x27;s reply" not in body and "Bruno's reply" not in body
    body = text(page(client, amina, url("threads", members.slug)))
    assert "Bruno&#x27;s thread" not in body and "Open budgets" in body


def test_a_quote_link_prefills_the_quote_above_the_reply(client, members, thread, bruno):
    opening = thread.posts.get()
    response = page(
        client, bruno, url("thread", members.slug, thread.pk), data={"quote": opening.pk}
    )
    body = text(response)
    assert "You are quoting Amina Diallo" in body
    assert f'value="{opening.pk}"' in body


# --- replying -----------------------------------------------------------------


def test_a_reply_is_posted_and_lands_on_the_last_page(client, members, thread, bruno, amina):
    client.force_login(bruno)
    response = client.post(url("reply", members.slug, thread.pk), {"body": "We used a portal."})
    post = Post.objects.get(body="We used a portal.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"?page=last#p{post.pk}")
    body = text(client.get(response["Location"]))
    assert "Your reply is posted." in body and "We used a portal." in body


def test_an_empty_or_long_reply_comes_back_with_the_text_kept(client, members, thread, bruno):
    client.force_login(bruno)
    response = client.post(url("reply", members.slug, thread.pk), {"body": "   "})
    assert response.status_code == 400
    assert "Write something first." in text(response)
    long = "word " * 1700
    response = client.post(url("reply", members.slug, thread.pk), {"body": long})
    assert response.status_code == 400
    assert "word word word" in text(response)
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_reply_in_a_locked_thread_is_refused_with_the_text_kept(
    client, members, thread, host, bruno
):
    services.thread_set(host=host, thread=thread, locked=True)
    client.force_login(bruno)
    response = client.post(url("reply", members.slug, thread.pk), {"body": "Let me in"})
    assert response.status_code == 400
    assert "This thread is locked: no new replies." in text(response)
    assert "Let me in" in text(response)


def test_a_reply_quoting_a_post_of_another_thread_is_refused(client, members, thread, bruno):
    other = services.thread_start(author=bruno, space=members, title="Other", body="elsewhere")
    client.force_login(bruno)
    response = client.post(
        url("reply", members.slug, thread.pk),
        {"body": "Quoting", "quote": other.posts.get().pk},
    )
    assert response.status_code == 400
    assert "This post is no longer here." in text(response)
    response = client.post(url("reply", members.slug, thread.pk), {"body": "Q", "quote": "abc"})
    assert response.status_code == 400


# --- starting threads ---------------------------------------------------------


def test_hosts_see_the_announcement_checkbox_and_members_do_not(client, members, host, amina):
    body = text(page(client, amina, url("thread_new", members.slug)))
    assert "Announcement: every member is told by email" not in body
    assert "Up to 150 characters." in body
    body = text(page(client, host, url("thread_new", members.slug)))
    assert "Announcement: every member is told by email" in body
    response = client.post(
        url("thread_new", members.slug),
        {"title": "Friday session", "body": "At 10.", "announcement": "on"},
    )
    thread = Thread.objects.get(title="Friday session")
    assert thread.is_announcement
    assert response.status_code == 302


def test_a_member_starts_a_thread_and_errors_keep_the_text(client, members, amina):
    client.force_login(amina)
    response = client.post(url("thread_new", members.slug), {"title": "", "body": "My words"})
    assert response.status_code == 400
    assert "Give the thread a title." in text(response) and "My words" in text(response)
    response = client.post(
        url("thread_new", members.slug),
        {"title": "Question", "body": "My words", "announcement": "on"},
    )
    thread = Thread.objects.get(title="Question")
    assert not thread.is_announcement  # the field is not there for members
    assert response["Location"] == url("thread", members.slug, thread.pk)


# --- follow, mute, host controls ----------------------------------------------


def test_follow_mute_and_stop_following(client, members, thread, amina, bruno):
    client.force_login(bruno)
    body = text(client.get(url("thread", members.slug, thread.pk)))
    assert "Follow" in body and "Mute" in body
    client.post(url("follow", members.slug, thread.pk), {"state": "follow"})
    body = text(client.get(url("thread", members.slug, thread.pk)))
    assert "Stop following" in body
    client.post(url("follow", members.slug, thread.pk), {"state": "mute"})
    assert discussion_selectors.subscription_state(thread, bruno) == "mute"
    body = text(client.get(url("thread", members.slug, thread.pk)))
    assert "Unmute" in body and "Muted: you are not told of new replies." in body
    client.post(url("follow", members.slug, thread.pk), {"state": ""})
    assert discussion_selectors.subscription_state(thread, bruno) == ""
    response = client.post(url("follow", members.slug, thread.pk), {"state": "loud"})
    assert response.status_code == 400


def test_hiding_asks_first_and_only_hosts_may(client, members, thread, host, amina):
    response = page(client, host, url("thread_host", members.slug, thread.pk))
    assert response.status_code == 200 and "Hide this thread?" in text(response)
    response = client.post(url("thread_host", members.slug, thread.pk), {"action": "hide"})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.is_hidden
    client.post(url("thread_host", members.slug, thread.pk), {"action": "unhide"})
    client.post(url("thread_host", members.slug, thread.pk), {"action": "pin"})
    client.post(url("thread_host", members.slug, thread.pk), {"action": "explode"})
    thread.refresh_from_db()
    assert thread.is_pinned and not thread.is_hidden
    client.force_login(amina)
    response = client.post(url("thread_host", members.slug, thread.pk), {"action": "hide"})
    assert response.status_code in (302, 403)
    thread.refresh_from_db()
    assert not thread.is_hidden
    assert client.get(url("thread_host", members.slug, thread.pk)).status_code == 403


# --- editing and deleting one's own post --------------------------------------


def test_editing_ones_post_in_time(client, members, thread, amina, bruno):
    post = thread.posts.get()
    assert page(client, bruno, url("post_edit", post.pk)).status_code == 404
    assert client.post(url("post_edit", post.pk), {"body": "hijack"}).status_code == 404
    response = page(client, amina, url("post_edit", post.pk))
    assert response.status_code == 200 and "How did you do it?" in text(response)
    response = client.post(url("post_edit", post.pk), {"body": "How did *you* do it?"})
    assert response.status_code == 302
    body = text(client.get(url("thread", members.slug, thread.pk)))
    assert "<em>you</em>" in body and "edited" in body
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(minutes=20))
    response = client.post(url("post_edit", post.pk), {"body": "Late words"})
    assert response.status_code == 400
    assert "15 minutes" in text(response) and "Late words" in text(response)


def test_deleting_ones_post_asks_first(client, members, thread, amina, bruno):
    reply = services.post_reply(author=bruno, thread=thread, body="Regret this")
    assert page(client, amina, url("post_delete", reply.pk)).status_code == 404
    response = page(client, bruno, url("post_delete", reply.pk))
    assert "Delete your post?" in text(response) and "Regret this" in text(response)
    response = client.post(url("post_delete", reply.pk))
    assert response.status_code == 302
    body = text(client.get(url("thread", members.slug, thread.pk)))
    assert "Post deleted" in body and "Regret this" not in body


def test_a_removed_post_says_so(client, members, thread, amina, bruno):
    reply = services.post_reply(author=bruno, thread=thread, body="Offensive words")
    Post.objects.filter(pk=reply.pk).update(removed_at=timezone.now(), body="", html="")
    body = text(page(client, amina, url("thread", members.slug, thread.pk)))
    assert "Removed by a moderator" in body


# --- opening a thread reads it ------------------------------------------------


def test_opening_the_thread_marks_its_notifications_read(client, members, thread, amina, bruno):
    from home.models import Notification

    services.post_reply(author=bruno, thread=thread, body="News")
    note = Notification.objects.get(recipient=amina, kind="spaces.thread_reply")
    assert note.read_at is None
    page(client, amina, url("thread", members.slug, thread.pk))
    note.refresh_from_db()
    assert note.read_at is not None


# --- the group page's include -------------------------------------------------


def test_recent_threads_include(members, thread, amina, rf):
    threads = discussion_selectors.recent_threads(members, amina)
    html = render_to_string(
        "spaces/includes/recent_threads.html",
        {"space": members, "threads": threads, "can_post": True},
    )
    assert "Open budgets in practice" in html and url("thread_new", members.slug) in html
    outsider = make_member(display_name="Olu Outsider")
    assert discussion_selectors.recent_threads(members, outsider) == []
    html = render_to_string(
        "spaces/includes/recent_threads.html", {"space": members, "threads": [], "can_post": False}
    )
    assert "No discussions yet." in html


def test_pinned_threads_come_first_then_the_latest(members, amina, host):
    old = services.thread_start(
        author=amina, space=members, title="Old", body="x", now=timezone.now() - timedelta(days=3)
    )
    services.thread_start(
        author=amina,
        space=members,
        title="Middle",
        body="x",
        now=timezone.now() - timedelta(days=2),
    )
    newest = services.thread_start(author=amina, space=members, title="Newest", body="x")
    services.thread_set(host=host, thread=old, pinned=True)
    page_obj = discussion_selectors.threads_page(members, amina, 1)
    assert [t.title for t in page_obj.object_list] == ["Old", "Newest", "Middle"]
    services.post_reply(author=amina, thread=Thread.objects.get(title="Middle"), body="bump")
    page_obj = discussion_selectors.threads_page(members, amina, "not a number")
    assert [t.title for t in page_obj.object_list] == ["Old", "Middle", "Newest"]
    assert newest.author_id == amina.pk


def test_a_reply_written_in_french_records_and_shows_its_language(client, members, thread, bruno):
    client.force_login(bruno)
    path = reverse("spaces:reply", args=[members.slug, thread.pk]).replace("/en/", "/fr/", 1)
    client.post(path, {"body": "Nous avons publié le budget."})
    post = Post.objects.get(body="Nous avons publié le budget.")
    assert post.language == "fr"
    body = text(client.get(url("thread", members.slug, thread.pk)))
    assert '<div class="message__body" lang="fr"><p>Nous avons publié le budget.</p></div>' in body
