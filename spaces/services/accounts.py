"""What the spaces keep about a member, for their data download and when they go.

The download (``member_data``) holds their posts (thread, group, text, dates), the threads
they started, their memberships, the threads they follow or mute, and the resources they
shared. Other members' posts are theirs and are not part of it.

On deletion (``member_forget``) what they wrote stays for the others: posts and threads
attributed to "Former member" (``author`` null), resources shared without a name. Their
memberships (requests and invitations included) and their follows and mutes go.
"""

from django.db import transaction

from spaces.models import Membership, Post, Resource, Thread, ThreadSubscription


def _when(moment):
    return moment.isoformat() if moment else None


def member_data(user) -> dict:
    """Five queries, whatever the number of posts."""
    posts = [
        {
            "group": p.thread.space.name,
            "thread": p.thread.title,
            "thread_id": p.thread_id,
            "posted_at": _when(p.created_at),
            "language": p.language,
            "text": p.body,
            "edited_at": _when(p.edited_at),
            "deleted": p.deleted_at is not None,
            "removed_by_moderator": p.removed_at is not None,
        }
        for p in Post.objects.filter(author=user)
        .select_related("thread__space")
        .order_by("created_at", "id")
    ]
    threads = [
        {
            "id": t.pk,
            "group": t.space.name,
            "title": t.title,
            "announcement": t.is_announcement,
            "started_at": _when(t.created_at),
        }
        for t in Thread.objects.filter(author=user).select_related("space").order_by("created_at")
    ]
    memberships = [
        {
            "group": m.space.name,
            "state": m.state,
            "role": m.role,
            "via": m.via,
            "note": m.note,
            "since": _when(m.joined_at or m.created_at),
        }
        for m in Membership.objects.filter(user=user).select_related("space").order_by("created_at")
    ]
    follows = [
        {"thread": s.thread.title, "group": s.thread.space.name, "state": s.state}
        for s in ThreadSubscription.objects.filter(user=user)
        .select_related("thread__space")
        .order_by("pk")
    ]
    return {
        "posts": posts,
        "threads": threads,
        "memberships": memberships,
        "follows": follows,
    }


@transaction.atomic
def member_forget(*, user) -> None:
    Post.objects.filter(author=user).update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    Thread.objects.filter(hidden_by=user).update(hidden_by=None)
    Resource.objects.filter(added_by=user).update(added_by=None)
    ThreadSubscription.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    Membership.objects.filter(invited_by=user).update(invited_by=None)
    Membership.objects.filter(decided_by=user).update(decided_by=None)
