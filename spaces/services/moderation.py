"""Reports of posts in groups, and what hosts and moderators do about them.

A group's posts go to the platform's one moderation queue (messaging's ``Report``, as a
registered target, ``spaces.moderation_hooks``): the report keeps a copy of the post as it
was when reported, its ``scope`` ("space:<id>") lets the group's hosts act on it besides
the moderators, and every action is a ``ModerationAction`` row. Hosts dismiss a report,
remove the post (readers then see "Removed by a moderator", its author is told with the
note) or remove its author from the group; moderators do the same from the admin desk,
and warn or suspend (a suspension of messages stops posting in groups too).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from home.notify import notify
from messaging import services as queue
from messaging.models import ModerationAction, Report
from spaces import permissions, selectors
from spaces.errors import SpaceError
from spaces.models import Post, Space

User = get_user_model()

SUBJECT = "post"
#: The hosts' own action on a report: the post's author leaves the group.
EXCLUDE = "exclude"


def scope_of(space) -> str:
    return f"space:{space.original_id or space.pk}"


def space_of_scope(scope: str) -> Space | None:
    kind, _sep, pk = (scope or "").partition(":")
    if kind != "space" or not pk.isdigit():
        return None
    return Space.objects.filter(pk=int(pk), original__isnull=True).first()


def may_read_post(user, post) -> bool:
    """The reporter's view of a post: a reader of its group, a thread they may see (a
    hidden thread only for its hosts), and a post still there."""
    space = post.thread.space
    if not permissions.can_read(user, space):
        return False
    return not (post.thread.is_hidden and not permissions.can_host(user, space))


def _evidence(post) -> list[dict]:
    thread = post.thread
    return [
        {
            "id": post.pk,
            "sender_id": post.author_id,
            "sender": selectors.display_name(post.author) if post.author_id else "",
            "body": post.body,
            "quote": post.quote_text,
            "language": post.language,
            "created_at": post.created_at.isoformat(),
            "edited": post.edited_at is not None,
            "thread_id": thread.pk,
            "thread": thread.title,
            "space_id": thread.space_id,
        }
    ]


def _tell_hosts(report, space, post) -> None:
    for host in User.objects.filter(pk__in=selectors.hosts(space), is_active=True).exclude(
        pk__in=[report.reporter_id, post.author_id or 0]
    ):
        notify(
            host,
            "spaces.post_reported",
            context=lambda language, report=report: {
                "space": selectors.name_in(space, language),
                "reason": str(report.get_reason_display()),
            },
            link=("spaces:host_reports", space.slug),
            dedupe_key=f"report:{report.pk}:host:{host.pk}",
        )


@transaction.atomic
def post_report(*, reporter, post, reason, comment: str = "", now=None) -> Report:
    """Report someone else's post, in a group ``reporter`` reads. The moderators and the
    group's hosts are told; the author is not told who reported them."""
    now = now or timezone.now()
    reason = Report.Reason(reason)
    post = (
        Post.objects.select_related("thread__space", "author").filter(pk=post.pk).first()
        if post is not None
        else None
    )
    if post is None or not may_read_post(reporter, post):
        raise SpaceError("not_found", status=404)
    if post.author_id == reporter.pk:
        raise SpaceError("own_post", status=403)
    if post.is_gone:
        raise SpaceError("gone")
    queue.lock_reporter(reporter)
    if queue.open_report_exists(reporter=reporter, subject=SUBJECT, target_id=post.pk):
        raise SpaceError("already_reported")
    space = post.thread.space
    report = queue.report_create(
        reporter=reporter,
        subject=SUBJECT,
        target_id=post.pk,
        reported=post.author,
        reason=reason,
        comment=comment,
        evidence=_evidence(post),
        scope=scope_of(space),
        place_label=f"{space.name} · {post.thread.title}",
        place_url=reverse("spaces:thread", args=[space.slug, post.thread_id]),
        now=now,
    )
    _tell_hosts(report, space, post)
    return report


# ---------------------------------------------------------------------------
# What the queue asks of the target (registered in spaces.moderation_hooks)
# ---------------------------------------------------------------------------


def post_remove_for_report(report, *, now):
    """Blank the reported post (the report keeps its copy); its author, or None."""
    post = Post.objects.select_for_update().filter(pk=report.target_id).first()
    if post is None:
        return None
    post.removed_at = now
    post.body = ""
    post.html = ""
    post.save(update_fields=["removed_at", "body", "html"])
    # Replies that quoted it no longer repeat its words.
    Post.objects.filter(quote=post).update(quote_text="")
    return User.objects.filter(pk=post.author_id).first() if post.author_id else None


def post_is_gone(report) -> bool:
    return not Post.objects.filter(
        pk=report.target_id, removed_at__isnull=True, deleted_at__isnull=True
    ).exists()


def hosts_may_act(user, scope: str) -> bool:
    space = space_of_scope(scope)
    return space is not None and permissions.can_host(user, space)


def _space_for(report) -> Space | None:
    return space_of_scope(report.scope)


def removed_context(report, language) -> dict:
    space = _space_for(report)
    return {"space": selectors.name_in(space, language) if space else ""}


def removed_link(report):
    space = _space_for(report)
    thread_id = next((item.get("thread_id") for item in report.evidence), None)
    if space is None or thread_id is None:
        return None
    return ("spaces:thread", space.slug, thread_id)


# ---------------------------------------------------------------------------
# Hosts' actions (moderators use the admin desk; both go through the one queue)
# ---------------------------------------------------------------------------

HOST_ACTIONS = ("dismiss", "remove", "exclude")


def _host_report(host, space, report) -> Report:
    if report.subject != SUBJECT or report.scope != scope_of(space):
        raise SpaceError("not_found", status=404)
    if not permissions.can_host(host, space):
        raise SpaceError("not_host", status=403)
    return report


@transaction.atomic
def host_report_act(
    *, host, space, report, action: str, note: str = "", now=None
) -> ModerationAction:
    """A host acts on a report of a post in their group: ``dismiss`` it, ``remove`` the
    post, or ``exclude`` its author from the group. One ``ModerationAction`` row each;
    a report of another group is not found."""
    now = now or timezone.now()
    report = _host_report(host, space, report)
    if action == "dismiss":
        return queue.report_dismiss(moderator=host, report=report, note=note, now=now)
    if action == "remove":
        return queue.content_remove(moderator=host, report=report, note=note, now=now)
    if action == EXCLUDE:
        return member_exclude(host=host, space=space, report=report, note=note, now=now)
    raise SpaceError("not_found", status=404)


@transaction.atomic
def member_exclude(*, host, space, report, note: str = "", now=None) -> ModerationAction:
    """Remove the reported post's author from the group (they may ask or be invited
    again), and log it on the report."""
    from spaces.services.membership import member_remove

    now = now or timezone.now()
    report = _host_report(host, space, report)
    if report.reported_id is None:
        raise SpaceError("not_member")
    member = User.objects.get(pk=report.reported_id)
    member_remove(host=host, space=space, member=member, now=now)
    # The queue refuses a closed report or one about the host: all of it is undone then.
    return queue.action_record(
        moderator=host, report=report, member=member, action=EXCLUDE, note=note, now=now
    )
