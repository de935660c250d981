"""Threads, replies, quotes, edits, hosts' controls, follow and mute, and who is told."""

from datetime import timedelta

from django.utils import timezone, translation

from wagtail.models import Locale

import pytest

from community.factories import make_member
from community.models import Block
from home.errors import TextTooLong
from home.models import Notification, OutboxEmail
from messaging.models import MessagingSettings
from spaces.errors import SpaceError
from spaces.factories import SpaceFactory, add_member
from spaces.models import Membership, Post, Thread, ThreadSubscription
from spaces.models.discussions import MAX_BODY
from spaces.services import discussions as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(open_space, amina, bruno):
    add_member(open_space, amina)
    add_member(open_space, bruno)
    return open_space


def start(author, space, **kw):
    kw.setdefault("title", "Open budgets in practice")
    kw.setdefault("body", "How did your ministry publish its budget?")
    return services.thread_start(author=author, space=space, **kw)


def code_of(excinfo):
    return excinfo.value.code


def notes(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


# --- starting threads ---------------------------------------------------------


def test_a_member_starts_a_thread_with_its_opening_post_and_follows_it(members, amina):
    with translation.override("fr"):
        thread = start(amina, members, body="Voir https://example.org et **ceci**")
    post = thread.posts.get()
    assert thread.post_count == 1 and thread.last_post_at == post.created_at
    assert post.language == "fr"
    assert 'rel="nofollow ugc noopener noreferrer"' in post.html
    assert "<strong>ceci</strong>" in post.html
    sub = ThreadSubscription.objects.get(thread=thread, user=amina)
    assert sub.state == "follow"


def test_a_non_member_cannot_start_a_thread(open_space, amina):
    with pytest.raises(SpaceError) as exc:
        start(amina, open_space)
    assert code_of(exc) == "not_member"
    assert not Thread.objects.exists()


def test_a_requested_member_cannot_post(request_space, amina):
    add_member(request_space, amina, state=Membership.State.REQUESTED)
    with pytest.raises(SpaceError) as exc:
        start(amina, request_space)
    assert code_of(exc) == "not_member"


def test_a_suspended_member_cannot_post(members, amina):
    MessagingSettings.objects.create(user=amina, suspended_at=timezone.now())
    with pytest.raises(SpaceError) as exc:
        start(amina, members)
    assert code_of(exc) == "suspended"


def test_title_and_body_are_required_and_never_cut(members, amina):
    with pytest.raises(SpaceError) as exc:
        start(amina, members, title="  ")
    assert code_of(exc) == "empty_title"
    with pytest.raises(SpaceError) as exc:
        start(amina, members, body="   ")
    assert code_of(exc) == "empty"
    with pytest.raises(TextTooLong):
        start(amina, members, body="x" * (MAX_BODY + 1))
    with pytest.raises(TextTooLong):
        start(amina, members, title="x" * 151)
    assert not Thread.objects.exists()


def test_only_hosts_announce(members, amina):
    with pytest.raises(SpaceError) as exc:
        start(amina, members, announcement=True)
    assert code_of(exc) == "not_host"


def test_a_suspended_host_cannot_announce(members, host):
    MessagingSettings.objects.create(user=host, suspended_at=timezone.now())
    with pytest.raises(SpaceError) as exc:
        start(host, members, announcement=True)
    assert code_of(exc) == "suspended"


def test_posting_fast_is_refused_past_ten_a_minute(members, amina):
    thread = start(amina, members)
    now = timezone.now()
    for i in range(9):
        services.post_reply(author=amina, thread=thread, body=f"reply {i}", now=now)
    with pytest.raises(SpaceError) as exc:
        services.post_reply(author=amina, thread=thread, body="one too many", now=now)
    assert code_of(exc) == "posts_per_minute"
    later = now + timedelta(minutes=2)
    services.post_reply(author=amina, thread=thread, body="calmer now", now=later)


# --- announcements ------------------------------------------------------------


def test_an_announcement_reaches_every_active_member_but_the_author_in_their_language(
    members, host, amina, bruno, django_capture_on_commit_callbacks
):
    fr = Locale.objects.get(language_code="fr")
    SpaceFactory(
        translation_key=members.translation_key,
        locale=fr,
        slug=members.slug,
        name="Coalition pour l’espace civique",
    )
    amina.preferred_language = "fr"
    amina.save()
    left = make_member(display_name="Lea Left")
    add_member(members, left, state=Membership.State.LEFT)
    with django_capture_on_commit_callbacks(execute=True):
        thread = start(host, members, title="Session on Friday", announcement=True)
    assert thread.is_announcement
    [note] = notes(amina, "spaces.announcement")
    assert note.language == "fr"
    assert "Coalition pour l’espace civique" in note.title
    assert "/fr/" in note.link
    assert notes(bruno, "spaces.announcement")
    assert not notes(host, "spaces.announcement")
    assert not notes(left, "spaces.announcement")
    email = OutboxEmail.objects.get(to=amina.email)
    assert "Session on Friday" in email.subject
    assert "Hana Host" in email.body_text


def test_an_announcement_is_not_muted_and_is_sent_once(members, host, amina):
    thread = start(host, members, announcement=True)
    ThreadSubscription.objects.create(thread=thread, user=amina, state="mute")
    assert services.announcement_send(thread_id=thread.pk) == 2
    assert services.announcement_send(thread_id=thread.pk) == 0
    assert len(notes(amina, "spaces.announcement")) == 1


def test_the_announcement_task_is_queued_after_commit(
    members, host, amina, monkeypatch, django_capture_on_commit_callbacks
):
    from spaces import tasks

    queued = []
    monkeypatch.setattr(tasks.announcement_notify, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        thread = start(host, members, announcement=True)
    assert queued == []  # nothing is sent before the thread is committed
    for callback in callbacks:
        callback()
    assert queued == [thread.pk]
    assert tasks.announcement_notify(thread.pk) == 2


# --- replies ------------------------------------------------------------------


def test_a_reply_updates_the_thread_exactly(members, amina, bruno):
    thread = start(amina, members)
    later = timezone.now() + timedelta(minutes=5)
    services.post_reply(author=bruno, thread=thread, body="We used a portal.", now=later)
    thread.refresh_from_db()
    assert thread.post_count == 2
    assert thread.last_post_at == later
    assert ThreadSubscription.objects.get(thread=thread, user=bruno).state == "follow"


def test_a_locked_or_hidden_thread_refuses_members_but_not_hosts(members, host, amina):
    thread = start(amina, members)
    services.thread_set(host=host, thread=thread, locked=True)
    with pytest.raises(SpaceError) as exc:
        services.post_reply(author=amina, thread=thread, body="Still here?")
    assert code_of(exc) == "locked"
    services.post_reply(author=host, thread=thread, body="Closing note.")
    services.thread_set(host=host, thread=thread, locked=False, hidden=True)
    with pytest.raises(SpaceError) as exc:
        services.post_reply(author=amina, thread=thread, body="Hello?")
    assert code_of(exc) == "locked"


def test_only_hosts_pin_lock_and_hide(members, host, amina):
    thread = start(amina, members)
    with pytest.raises(SpaceError) as exc:
        services.thread_set(host=amina, thread=thread, pinned=True)
    assert code_of(exc) == "not_host"
    services.thread_set(host=host, thread=thread, pinned=True, hidden=True)
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_hidden and thread.hidden_by == host
    services.thread_set(host=host, thread=thread, pinned=False)
    thread.refresh_from_db()
    assert not thread.is_pinned and thread.is_hidden


def test_a_quote_copies_the_words_and_a_later_edit_does_not_change_it(members, amina, bruno):
    thread = start(amina, members, body="Publish **early**, publish often.")
    opening = thread.posts.get()
    reply = services.post_reply(author=bruno, thread=thread, body="Agreed!", quote=opening)
    services.post_edit(author=amina, post=opening, body="Something else entirely")
    reply.refresh_from_db()
    assert reply.quote == opening
    assert reply.quote_text == "Publish early, publish often."


def test_a_quote_must_be_a_live_post_of_the_same_thread(members, amina, bruno):
    thread = start(amina, members)
    other = start(amina, members, title="Another")
    with pytest.raises(SpaceError) as exc:
        services.post_reply(author=bruno, thread=thread, body="x", quote=other.posts.get())
    assert code_of(exc) == "gone"
    gone = services.post_reply(author=amina, thread=thread, body="oops")
    services.post_delete(author=amina, post=gone)
    with pytest.raises(SpaceError) as exc:
        services.post_reply(author=bruno, thread=thread, body="x", quote=gone)
    assert code_of(exc) == "gone"
    with pytest.raises(SpaceError) as exc:
        services.post_reply(author=bruno, thread=thread, body="x", quote=999999)
    assert code_of(exc) == "gone"


# --- who is told of replies ---------------------------------------------------


def test_a_follower_is_told_once_per_unread_spell(members, amina, bruno):
    thread = start(amina, members)
    services.post_reply(author=bruno, thread=thread, body="First")
    services.post_reply(author=bruno, thread=thread, body="Second")
    assert len(notes(amina, "spaces.thread_reply")) == 1
    services.thread_read(member=amina, thread=thread)
    assert Notification.objects.get(recipient=amina, kind="spaces.thread_reply").read_at
    services.post_reply(author=bruno, thread=thread, body="Third")
    assert len(notes(amina, "spaces.thread_reply")) == 2
    assert not notes(bruno, "spaces.thread_reply")  # the author is not told of their own


def test_a_muted_member_is_not_told_and_replying_does_not_unmute(members, amina, bruno):
    thread = start(amina, members)
    services.thread_subscribe(member=amina, thread=thread, state="mute")
    services.post_reply(author=bruno, thread=thread, body="Anyone?")
    assert not notes(amina, "spaces.thread_reply")
    services.post_reply(author=amina, thread=thread, body="Me, quietly.")
    assert ThreadSubscription.objects.get(thread=thread, user=amina).state == "mute"


def test_someone_blocked_either_way_is_not_told(members, amina, bruno):
    thread = start(amina, members)
    Block.objects.create(blocker=amina, blocked=bruno)
    services.post_reply(author=bruno, thread=thread, body="Hello")
    assert not notes(amina, "spaces.thread_reply")


def test_a_follower_who_left_the_group_is_not_told(members, amina, bruno):
    thread = start(amina, members)
    Membership.objects.filter(space=members, user=amina).update(state=Membership.State.LEFT)
    services.post_reply(author=bruno, thread=thread, body="Hello")
    assert not notes(amina, "spaces.thread_reply")


def test_the_quoted_author_is_told_unless_muted_or_blocked(members, amina, bruno, host):
    thread = start(amina, members)
    opening = thread.posts.get()
    services.thread_subscribe(member=amina, thread=thread, state="")
    services.post_reply(author=bruno, thread=thread, body="Quoting you", quote=opening)
    [note] = notes(amina, "spaces.quoted")
    assert "Bruno Costa" in note.title
    services.thread_subscribe(member=amina, thread=thread, state="mute")
    services.post_reply(author=host, thread=thread, body="Me too", quote=opening)
    assert len(notes(amina, "spaces.quoted")) == 1


def test_the_follow_state_can_be_cleared(members, amina):
    thread = start(amina, members)
    services.thread_subscribe(member=amina, thread=thread, state="")
    assert not ThreadSubscription.objects.filter(thread=thread, user=amina).exists()
    services.thread_subscribe(member=amina, thread=thread, state="follow")
    assert ThreadSubscription.objects.get(thread=thread, user=amina).state == "follow"


def test_a_non_member_cannot_follow(members, amina):
    thread = start(amina, members)
    outsider = make_member(display_name="Olu Outsider")
    with pytest.raises(SpaceError) as exc:
        services.thread_subscribe(member=outsider, thread=thread, state="follow")
    assert code_of(exc) == "not_member"


# --- editing and deleting -----------------------------------------------------


def test_a_post_is_edited_by_its_author_within_fifteen_minutes(members, amina, bruno):
    thread = start(amina, members)
    post = thread.posts.get()
    with pytest.raises(SpaceError) as exc:
        services.post_edit(author=bruno, post=post, body="Mine now")
    assert code_of(exc) == "not_your_post"
    edited = services.post_edit(author=amina, post=post, body="Better *words*")
    assert edited.edited_at and "<em>words</em>" in edited.html
    late = post.created_at + timedelta(minutes=16)
    with pytest.raises(SpaceError) as exc:
        services.post_edit(author=amina, post=post, body="Too late", now=late)
    assert code_of(exc) == "edit_window"
    assert "15 minutes" in exc.value.message
    with pytest.raises(SpaceError) as exc:
        services.post_edit(author=amina, post=post, body="  ")
    assert code_of(exc) == "empty"


def test_a_deleted_post_loses_its_words_and_the_thread_stays(members, amina, bruno):
    thread = start(amina, members)
    post = thread.posts.get()
    with pytest.raises(SpaceError) as exc:
        services.post_delete(author=bruno, post=post)
    assert code_of(exc) == "not_your_post"
    services.post_delete(author=amina, post=post)
    post.refresh_from_db()
    assert post.deleted_at and post.body == "" and post.html == ""
    assert Thread.objects.filter(pk=thread.pk).exists()
    with pytest.raises(SpaceError) as exc:
        services.post_edit(author=amina, post=post, body="Back")
    assert code_of(exc) == "gone"
    assert Post.objects.filter(thread=thread).count() == 1


def test_followers_are_not_told_of_replies_in_a_hidden_thread(members, host, amina, bruno):
    thread = start(amina, members)
    services.thread_subscribe(member=host, thread=thread, state="follow")
    services.thread_set(host=host, thread=thread, hidden=True)
    services.post_reply(author=host, thread=thread, body="A note for hosts", quote=None)
    assert not notes(amina, "spaces.thread_reply")
    services.thread_set(host=host, thread=thread, hidden=False)
    services.post_reply(author=bruno, thread=thread, body="Back in view")
    assert notes(amina, "spaces.thread_reply")
    assert notes(host, "spaces.thread_reply")


def test_a_reply_notification_is_in_the_followers_language_and_leads_to_the_reply(
    members, amina, bruno
):
    fr = Locale.objects.get(language_code="fr")
    SpaceFactory(
        translation_key=members.translation_key,
        locale=fr,
        slug=members.slug,
        name="Coalition pour l’espace civique",
    )
    amina.preferred_language = "fr"
    amina.save()
    thread = start(amina, members)
    reply = services.post_reply(author=bruno, thread=thread, body="Voici notre portail.")
    [note] = notes(amina, "spaces.thread_reply")
    assert note.language == "fr"
    assert f"/fr/groups/{members.slug}/discussions/{thread.pk}/?page=last#p{reply.pk}" in note.link
    assert note.digest == "daily"  # replies wait for the digest by default
