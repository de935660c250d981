"""Reads about discussions (threads and posts), each in a fixed number of queries whatever
the number of threads, posts and authors.

Threads and posts by someone blocked either way with the viewer are left out. Hidden
threads are listed only to the group's hosts and to moderators. Authors are named within
profile privacy: a link to the profile only when ``Profile.objects.visible_to(viewer)``
includes it, "A member" without a link otherwise, "Former member" for a deleted account.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home.permissions import is_active_member
from spaces import permissions
from spaces.models import Membership, Post, Thread, ThreadSubscription

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 30
SEARCH_LIMIT = 20

A_MEMBER = _("A member")
FORMER_MEMBER = _("Former member")


@dataclass(frozen=True)
class Author:
    name: str
    url: str = ""


def blocked_ids(viewer) -> set[int]:
    """People blocked by ``viewer`` or blocking them (one query)."""
    if not is_active_member(viewer):
        return set()
    from community.selectors import blocked_either_way

    return blocked_either_way(viewer)


def authors(viewer, user_ids) -> dict[int | None, Author]:
    """``{user id: Author}`` for ``user_ids`` as ``viewer`` may see them (one query)."""
    from community.models import Profile

    ids = {i for i in user_ids if i is not None}
    result: dict[int | None, Author] = {None: Author(str(FORMER_MEMBER))}
    if not ids:
        return result
    visible = Profile.objects.visible_to(viewer).filter(user_id__in=ids)
    for profile_pk, user_id, name in visible.values_list("pk", "user_id", "display_name"):
        result[user_id] = Author(name, reverse("community:profile", args=[profile_pk]))
    for user_id in ids - set(result):
        result[user_id] = Author(str(A_MEMBER))
    return result


def sees_hidden(viewer, space) -> bool:
    return permissions.can_host(viewer, space) or permissions.can_moderate_everywhere(viewer)


def _threads(space, viewer, blocked: set[int]):
    threads = Thread.objects.filter(space=space)
    if not sees_hidden(viewer, space):
        threads = threads.filter(hidden_at__isnull=True)
    if blocked:
        threads = threads.exclude(author_id__in=blocked)
    return threads.order_by(F("pinned_at").desc(nulls_last=True), "-last_post_at", "-pk")


def _with_authors(viewer, threads) -> list:
    threads = list(threads)
    names = authors(viewer, [t.author_id for t in threads])
    for thread in threads:
        thread.author_display = names[thread.author_id]
    return threads


def recent_threads(space, viewer, *, limit: int = 5) -> list:
    """The latest threads of ``space`` that ``viewer`` may read (pinned first), for the
    group page; [] when the viewer may not read the space. Bounded queries."""
    if not permissions.can_read(viewer, space):
        return []
    blocked = blocked_ids(viewer)
    return _with_authors(viewer, _threads(space, viewer, blocked)[:limit])


def threads_page(space, viewer, page_number):
    """A page of 20 threads: pinned first, then the latest active. Each thread carries
    ``author_display``. Five queries whatever the number of threads."""
    blocked = blocked_ids(viewer)
    page = Paginator(_threads(space, viewer, blocked), THREADS_PER_PAGE).get_page(page_number)
    page.object_list = _with_authors(viewer, page.object_list)
    return page


def thread_for(space, viewer, pk):
    """The thread ``pk`` of ``space`` as ``viewer`` may open it, or None (hidden for a
    non-host, started by someone blocked either way, another space's, unknown)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    threads = _threads(space, viewer, blocked_ids(viewer)).filter(pk=pk)
    if is_active_member(viewer):
        # The viewer's follow/mute state, in the same query (the thread page shows it).
        mine = ThreadSubscription.objects.filter(thread=OuterRef("pk"), user=viewer)
        threads = threads.annotate(my_subscription=Subquery(mine.values("state")[:1]))
    thread = threads.first()
    if thread is not None:
        thread.space = space
    return thread


def posts_page(thread, viewer, page_number):
    """A page of 30 posts, oldest first (``page_number`` may be "last"). Posts by people
    blocked either way are left out; each post carries ``author_display`` and, when it
    quotes, ``quote_author_display``. Bounded queries whatever the number of posts."""
    blocked = blocked_ids(viewer)
    posts = Post.objects.filter(thread=thread).annotate(quote_author=F("quote__author_id"))
    if blocked:
        posts = posts.exclude(author_id__in=blocked)
    paginator = Paginator(posts.order_by("created_at", "id"), POSTS_PER_PAGE)
    if page_number == "last":
        page_number = paginator.num_pages
    page = paginator.get_page(page_number)
    rows = list(page.object_list)
    ids = [p.author_id for p in rows] + [p.quote_author for p in rows if p.quote_id]
    names = authors(viewer, ids)
    for post in rows:
        post.thread = thread
        post.author_display = names[post.author_id]
        if post.quote_id:
            post.quote_author_display = names[post.quote_author]
    page.object_list = rows
    return page


def post_in_thread(thread, viewer, pk):
    """A post of ``thread`` the viewer may quote, or None."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    post = Post.objects.filter(thread=thread, pk=pk).first()
    if post is None or post.is_gone:
        return None
    if post.author_id and post.author_id in blocked_ids(viewer):
        return None
    post.author_display = authors(viewer, [post.author_id])[post.author_id]
    return post


def subscription_state(thread, viewer, *, read_with_thread=False) -> str:
    """ "follow", "mute" or "" for ``viewer``; ``read_with_thread``: take the state
    ``thread_for`` read with the thread (a request that changes no subscription)."""
    if not is_active_member(viewer):
        return ""
    if read_with_thread and "my_subscription" in thread.__dict__:
        return thread.my_subscription or ""
    state = (
        ThreadSubscription.objects.filter(thread=thread, user=viewer)
        .values_list("state", flat=True)
        .first()
    )
    return state or ""


def search_threads(viewer, query: str, *, limit: int = SEARCH_LIMIT) -> list:
    """Threads matching ``query`` (title or a post's words) in the spaces ``viewer`` is an
    active member of: not hidden, not started by someone blocked either way, and not
    found through the words of someone blocked either way. Each carries its ``space``."""
    query = (query or "").strip()[:200]
    if not query or not is_active_member(viewer):
        return []
    blocked = blocked_ids(viewer)
    spaces = Membership.objects.filter(
        user=viewer,
        state=Membership.State.ACTIVE,
        space__archived_at__isnull=True,
    ).values("space")
    words = Post.objects.filter(
        body__icontains=query, deleted_at__isnull=True, removed_at__isnull=True
    )
    if blocked:
        words = words.exclude(author_id__in=blocked)
    threads = Thread.objects.filter(space__in=spaces, hidden_at__isnull=True).filter(
        Q(title__icontains=query) | Q(pk__in=words.values("thread"))
    )
    if blocked:
        threads = threads.exclude(author_id__in=blocked)
    threads = list(
        threads.select_related("space__theme", "space__cohort", "space__programme").order_by(
            "-last_post_at", "-pk"
        )[:limit]
    )
    if threads:
        from spaces.selectors import localized

        localized({t.space_id: t.space for t in threads}.values())
    return threads
