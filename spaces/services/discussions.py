"""Threads, posts, announcements, and who follows or mutes a thread.

Every write asks ``spaces.permissions`` and raises ``SpaceError`` with a stable code.
Replies lock the thread row, so ``post_count`` and ``last_post_at`` stay exact when two
members reply at once. Followers are told once per unread spell: the dedupe key carries
their ``last_read_at``, which ``thread_read`` moves on when they open the thread.
Announcements reach every active member after commit (``spaces.tasks``); muting does not
apply to them.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from home.errors import check_length
from home.notify import mark_read_each, notify
from home.permissions import is_active_member
from home.text import MEMBER_LINK_REL, formatted_html, plain_text
from spaces import permissions, selectors
from spaces.errors import SpaceError
from spaces.models import Membership, Post, Space, Thread, ThreadSubscription
from spaces.models.discussions import MAX_BODY, MAX_TITLE

#: Posts (opening posts included) a member may write in any minute.
POSTS_PER_MINUTE = 10
#: How long a post can be edited after it is sent.
EDIT_MINUTES = 15
EDIT_WINDOW = timedelta(minutes=EDIT_MINUTES)

SUBSCRIPTION_STATES = ("follow", "mute", "")


def _original(space: Space) -> Space:
    if space.original_id:
        return Space.objects.get(pk=space.original_id)
    return space


def _html(body: str) -> str:
    return formatted_html(body, link_rel=MEMBER_LINK_REL, linkify=True)


def _body(body: str) -> str:
    body = check_length((body or "").strip(), MAX_BODY)
    if not body:
        raise SpaceError("empty", status=400)
    return body


def _require_poster(user, space, thread=None) -> None:
    """The reason ``permissions.can_post`` says no, as a code."""
    if permissions.can_post(user, space, thread=thread):
        return
    if not is_active_member(user):
        raise SpaceError("sign_in", status=403)
    if not permissions.can_read(user, space) or (
        not permissions.is_member(user, space) and not permissions.can_host(user, space)
    ):
        raise SpaceError("not_member", status=403)
    if permissions.is_suspended(user):
        raise SpaceError("suspended", status=403)
    raise SpaceError("locked")


def _check_rate(author, now) -> None:
    recent = Post.objects.filter(author=author, created_at__gte=now - timedelta(minutes=1))
    if recent.count() >= POSTS_PER_MINUTE:
        raise SpaceError("posts_per_minute", status=429)


def _follow(user, thread, *, now, keep_mute: bool) -> None:
    sub = ThreadSubscription.objects.filter(thread=thread, user=user).first()
    if sub is None:
        ThreadSubscription.objects.create(
            thread=thread, user=user, state=ThreadSubscription.State.FOLLOW, last_read_at=now
        )
        return
    if not (keep_mute and sub.state == ThreadSubscription.State.MUTE):
        sub.state = ThreadSubscription.State.FOLLOW
    sub.last_read_at = now
    sub.save(update_fields=["state", "last_read_at"])


def _blocked_with(user_id) -> set[int]:
    from community.models import Block

    rows = Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id)).values_list(
        "blocker_id", "blocked_id"
    )
    return {a if b == user_id else b for a, b in rows}


def _context_for(space, thread, author):
    """A callable giving the email words in the recipient's language (names cached)."""
    names: dict[str, str] = {}
    author_name = selectors.display_name(author)

    def context(language: str) -> dict:
        if language not in names:
            names[language] = selectors.name_in(space, language)
        return {"space": names[language], "author_name": author_name, "title": thread.title}

    return context


def _thread_link(space, thread, *, last=False, anchor=""):
    from home import links

    def link(language: str) -> str:
        url = links.url("spaces:thread", language=language, args=[space.slug, thread.pk])
        if last:
            url += "?page=last"
        return url + (f"#{anchor}" if anchor else "")

    return link


# ---------------------------------------------------------------------------
# Threads
# ---------------------------------------------------------------------------


@transaction.atomic
def thread_start(
    *, author, space, title: str, body: str, announcement: bool = False, now=None
) -> Thread:
    """Start a thread in ``space`` with its opening post; the author follows it. An
    announcement (hosts only) is sent to every active member after commit."""
    now = now or timezone.now()
    space = _original(space)
    if announcement:
        if not permissions.can_announce(author, space):
            if permissions.can_host(author, space):
                raise SpaceError("suspended", status=403)
            raise SpaceError("not_host", status=403)
    else:
        _require_poster(author, space)
    title = check_length((title or "").strip(), MAX_TITLE)
    if not title:
        raise SpaceError("empty_title", status=400)
    body = _body(body)
    _check_rate(author, now)
    thread = Thread.objects.create(
        space=space,
        author=author,
        title=title,
        is_announcement=bool(announcement),
        created_at=now,
        last_post_at=now,
        post_count=1,
    )
    Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        html=_html(body),
        language=translation.get_language() or "",
        created_at=now,
    )
    _follow(author, thread, now=now, keep_mute=False)
    if announcement:
        from spaces import tasks

        thread_id = thread.pk
        transaction.on_commit(lambda: tasks.announcement_notify.delay(thread_id))
    return thread


def announcement_send(*, thread_id: int) -> int:
    """Tell every active member of the thread's space but its author (idempotent: one
    notification per member and announcement). Returns how many were told."""
    thread = (
        Thread.objects.filter(pk=thread_id, is_announcement=True)
        .select_related("space", "author")
        .first()
    )
    if thread is None or thread.is_hidden:
        return 0
    space = thread.space
    members = (
        Membership.objects.filter(space=space, state=Membership.State.ACTIVE)
        .exclude(user_id=thread.author_id)
        .select_related("user")
    )
    context = _context_for(space, thread, thread.author)
    link = _thread_link(space, thread)
    told = 0
    for membership in members:
        if notify(
            membership.user,
            "spaces.announcement",
            context=context,
            link=link,
            dedupe_key=f"announcement:{thread.pk}:{membership.user_id}",
        ):
            told += 1
    return told


@transaction.atomic
def thread_set(*, host, thread, pinned=None, locked=None, hidden=None, now=None) -> Thread:
    """Pin, lock or hide a thread (``None`` leaves that setting as it is)."""
    now = now or timezone.now()
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("space").get(pk=thread.pk)
    )
    space = thread.space
    if not (permissions.can_host(host, space) or permissions.can_moderate_everywhere(host)):
        raise SpaceError("not_host", status=403)
    fields = []
    if pinned is not None and bool(pinned) != thread.is_pinned:
        thread.pinned_at = now if pinned else None
        fields.append("pinned_at")
    if locked is not None and bool(locked) != thread.is_locked:
        thread.locked_at = now if locked else None
        fields.append("locked_at")
    if hidden is not None and bool(hidden) != thread.is_hidden:
        thread.hidden_at = now if hidden else None
        thread.hidden_by = host if hidden else None
        fields += ["hidden_at", "hidden_by"]
    if fields:
        thread.save(update_fields=fields)
    return thread


@transaction.atomic
def thread_subscribe(*, member, thread, state: str, now=None) -> ThreadSubscription | None:
    """Follow (``"follow"``), mute (``"mute"``) or neither (``""``) a thread."""
    now = now or timezone.now()
    if state not in SUBSCRIPTION_STATES:
        raise ValueError(f"Unknown subscription state {state!r}")
    space = thread.space
    if not permissions.can_read(member, space) or (
        thread.is_hidden and not permissions.can_host(member, space)
    ):
        raise SpaceError("not_member", status=403)
    rows = ThreadSubscription.objects.filter(thread=thread, user=member)
    if not state:
        rows.delete()
        return None
    sub, created = ThreadSubscription.objects.get_or_create(
        thread=thread, user=member, defaults={"state": state, "last_read_at": now}
    )
    if not created and sub.state != state:
        sub.state = state
        sub.last_read_at = now
        sub.save(update_fields=["state", "last_read_at"])
    return sub


def thread_read(*, member, thread, now=None) -> None:
    """The member opened the thread: a new unread spell starts for their replies, and the
    thread's notifications are marked read."""
    if not is_active_member(member):
        return
    now = now or timezone.now()
    ThreadSubscription.objects.filter(thread=thread, user=member).update(last_read_at=now)
    mark_read_each(
        member,
        [
            (["spaces.thread_reply", "spaces.quoted"], f"thread:{thread.pk}:"),
            (["spaces.announcement"], f"announcement:{thread.pk}:"),
        ],
        now=now,
    )


# ---------------------------------------------------------------------------
# Posts
# ---------------------------------------------------------------------------


@transaction.atomic
def post_reply(*, author, thread, body: str, quote=None, now=None) -> Post:
    """Reply in ``thread`` (quoting ``quote``, a post of the same thread, if given)."""
    now = now or timezone.now()
    thread = (
        Thread.objects.select_for_update(of=("self",)).select_related("space").get(pk=thread.pk)
    )
    space = thread.space
    _require_poster(author, space, thread=thread)
    body = _body(body)
    quoted = None
    if quote is not None:
        quote_id = getattr(quote, "pk", quote)
        quoted = Post.objects.filter(pk=quote_id, thread=thread).first()
        if quoted is None or quoted.is_gone:
            raise SpaceError("gone")
        if quoted.author_id and quoted.author_id in _blocked_with(author.pk):
            raise SpaceError("gone")
    _check_rate(author, now)
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        html=_html(body),
        language=translation.get_language() or "",
        quote=quoted,
        quote_text=plain_text(quoted.html) if quoted else "",
        created_at=now,
    )
    thread.last_post_at = max(thread.last_post_at, now)
    thread.post_count = Post.objects.filter(thread=thread).count()
    thread.save(update_fields=["last_post_at", "post_count"])
    _follow(author, thread, now=now, keep_mute=True)
    _tell_followers(thread, post, now=now)
    return post


def _tell_followers(thread, post, *, now) -> None:
    space = thread.space
    author = post.author
    blocked = _blocked_with(author.pk)
    context = _context_for(space, thread, author)
    link = _thread_link(space, thread, last=True, anchor=f"p{post.pk}")
    active = set(
        Membership.objects.filter(space=space, state=Membership.State.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    subs = (
        ThreadSubscription.objects.filter(thread=thread)
        .exclude(user_id=author.pk)
        .select_related("user")
    )
    muted = set()
    for sub in subs:
        if sub.state == ThreadSubscription.State.MUTE:
            muted.add(sub.user_id)
            continue
        if sub.user_id in blocked:
            continue
        if sub.user_id not in active and not permissions.is_staff_for(sub.user, space):
            continue
        if thread.is_hidden and not _sees_hidden(sub.user, space):
            continue
        spell = sub.last_read_at.isoformat() if sub.last_read_at else "never"
        notify(
            sub.user,
            "spaces.thread_reply",
            context=context,
            link=link,
            dedupe_key=f"thread:{thread.pk}:reply:{sub.user_id}:{spell}",
        )
    quoted = post.quote
    if quoted is not None and quoted.author_id:
        target = quoted.author_id
        allowed = target != author.pk and target not in muted and target not in blocked
        allowed = allowed and (not thread.is_hidden or _sees_hidden(quoted.author, space))
        if allowed and (target in active or permissions.is_staff_for(quoted.author, space)):
            notify(
                quoted.author,
                "spaces.quoted",
                context=context,
                link=link,
                dedupe_key=f"thread:{thread.pk}:quoted:{post.pk}:{target}",
            )


def _sees_hidden(user, space) -> bool:
    return permissions.can_host(user, space) or permissions.can_moderate_everywhere(user)


def _own_post(author, post) -> Post:
    post = (
        Post.objects.select_for_update(of=("self",)).select_related("thread__space").get(pk=post.pk)
    )
    if not is_active_member(author) or post.author_id != author.pk:
        raise SpaceError("not_your_post", status=403)
    if post.is_gone:
        raise SpaceError("gone")
    return post


@transaction.atomic
def post_edit(*, author, post, body: str, now=None) -> Post:
    """The author changes their post within 15 minutes of sending it."""
    now = now or timezone.now()
    post = _own_post(author, post)
    if now - post.created_at > EDIT_WINDOW:
        raise SpaceError("edit_window", params={"minutes": EDIT_MINUTES})
    thread = post.thread
    if not permissions.can_post(author, thread.space, thread=thread):
        _require_poster(author, thread.space, thread=thread)
    post.body = _body(body)
    post.html = _html(post.body)
    post.edited_at = now
    post.save(update_fields=["body", "html", "edited_at"])
    return post


@transaction.atomic
def post_delete(*, author, post, now=None) -> Post:
    """The author deletes their post: its words go, the thread stays ("Post deleted")."""
    now = now or timezone.now()
    post = _own_post(author, post)
    post.deleted_at = now
    post.body = ""
    post.html = ""
    post.save(update_fields=["deleted_at", "body", "html"])
    return post


def can_edit(user, post, *, now=None) -> bool:
    """Whether ``user`` may still edit ``post`` (for the Edit link)."""
    now = now or timezone.now()
    return (
        is_active_member(user)
        and post.author_id == user.pk
        and not post.is_gone
        and now - post.created_at <= EDIT_WINDOW
    )
