"""Writes for the community: connections, requests, blocks, profiles, data rights.

Every function is keyword-only, runs in one transaction and takes ``now=`` for tests.
Anything that must not race locks both members' rows (lowest id first), and the
database refuses a second pending request for a pair whatever happens.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from community.errors import CommunityError
from community.models import Block, Connection, ConnectionRequest, Profile, User
from community.text import clean_bio, clean_links
from home.errors import check_length
from home.notify import mark_read, notify

logger = logging.getLogger(__name__)

#: Requests a member may send in any 24 hours.
REQUESTS_PER_DAY = 20
#: After a decline, the sender waits this long before asking the same person again.
DECLINE_COOLDOWN = timedelta(days=30)


def _lock_pair(a_id: int, b_id: int) -> None:
    """Lock both members' rows, lowest id first, so operations on a pair run one at a time."""
    list(User.objects.select_for_update().filter(pk__in=[a_id, b_id]).order_by("pk").values("pk"))


def _connected(a_id: int, b_id: int) -> bool:
    low, high = Connection.ordered(a_id, b_id)
    return Connection.objects.filter(user_low_id=low, user_high_id=high).exists()


def _blocked_either_way(a_id: int, b_id: int) -> bool:
    return Block.objects.filter(
        Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
    ).exists()


def _display_name(user: User) -> str:
    profile = Profile.objects.filter(user=user).only("display_name").first()
    return profile.display_name if profile else user.get_full_name()


def _connect(*, a: User, b: User, now) -> Connection:
    low, high = Connection.ordered(a.pk, b.pk)
    connection, _created = Connection.objects.get_or_create(user_low_id=low, user_high_id=high)
    return connection


@transaction.atomic
def connection_request(*, sender: User, recipient: User, note: str = "", now=None):
    """Ask ``recipient`` to connect. Returns ``("requested", request)`` or, when the
    recipient had already asked the sender, ``("connected", connection)``."""
    now = now or timezone.now()
    if sender.pk == recipient.pk:
        raise CommunityError("self")
    _lock_pair(sender.pk, recipient.pk)
    if not recipient.is_active or _blocked_either_way(sender.pk, recipient.pk):
        # A blocked member is not told: the blocker simply "does not exist" for them.
        raise CommunityError("not_found")
    if not Profile.objects.visible_to(sender).filter(user=recipient).exists():
        raise CommunityError("not_found")
    if _connected(sender.pk, recipient.pk):
        raise CommunityError("already_connected")
    low, high = Connection.ordered(sender.pk, recipient.pk)
    pending = (
        ConnectionRequest.objects.select_for_update()
        .filter(pair_low_id=low, pair_high_id=high, status=ConnectionRequest.Status.PENDING)
        .first()
    )
    if pending is not None:
        if pending.sender_id == recipient.pk:
            # They asked first: asking back is saying yes.
            connection = _accept(pending, now=now)
            return "connected", connection
        raise CommunityError("already_pending")
    sent_today = ConnectionRequest.objects.filter(
        sender=sender, created_at__gte=now - timedelta(hours=24)
    ).count()
    if sent_today >= REQUESTS_PER_DAY:
        raise CommunityError("daily_limit", params={"limit": REQUESTS_PER_DAY})
    if ConnectionRequest.objects.filter(
        sender=sender,
        recipient=recipient,
        status=ConnectionRequest.Status.DECLINED,
        answered_at__gte=now - DECLINE_COOLDOWN,
    ).exists():
        raise CommunityError("too_soon")
    try:
        with transaction.atomic():
            request = ConnectionRequest.objects.create(
                sender=sender,
                recipient=recipient,
                note=check_length((note or "").strip(), 300),
                created_at=now,
            )
    except IntegrityError as exc:
        raise CommunityError("already_pending") from exc
    notify(
        recipient,
        "community.connection_request",
        context={"sender_name": _display_name(sender), "note": request.note},
        link=("community:network",),
        dedupe_key=f"connection-request:{request.pk}",
    )
    return "requested", request


def _accept(request: ConnectionRequest, *, now) -> Connection:
    request.status = ConnectionRequest.Status.ACCEPTED
    request.answered_at = now
    request.seen_at = request.seen_at or now
    request.save(update_fields=["status", "answered_at", "seen_at"])
    connection = _connect(a=request.sender, b=request.recipient, now=now)
    notify(
        request.sender,
        "community.connection_accepted",
        context={"recipient_name": _display_name(request.recipient)},
        link=("community:network",),
        dedupe_key=f"connection-accepted:{request.pk}",
    )
    return connection


def _pending_for(*, request_id, user: User, as_sender: bool) -> ConnectionRequest:
    role = {"sender": user} if as_sender else {"recipient": user}
    request = (
        ConnectionRequest.objects.filter(pk=request_id, **role)
        .select_related("sender", "recipient")
        .first()
    )
    if request is None:
        raise CommunityError("request_gone")
    _lock_pair(request.sender_id, request.recipient_id)
    request = ConnectionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ConnectionRequest.Status.PENDING:
        raise CommunityError("request_gone")
    return request


@transaction.atomic
def connection_accept(*, request_id: int, user: User, now=None) -> Connection:
    """The recipient says yes: the pair becomes a connection and the sender is told."""
    now = now or timezone.now()
    request = _pending_for(request_id=request_id, user=user, as_sender=False)
    if _blocked_either_way(request.sender_id, request.recipient_id):
        raise CommunityError("request_gone")
    return _accept(request, now=now)


@transaction.atomic
def connection_decline(*, request_id: int, user: User, now=None) -> ConnectionRequest:
    """The recipient says no. The sender is not emailed."""
    now = now or timezone.now()
    request = _pending_for(request_id=request_id, user=user, as_sender=False)
    request.status = ConnectionRequest.Status.DECLINED
    request.answered_at = now
    request.seen_at = request.seen_at or now
    request.save(update_fields=["status", "answered_at", "seen_at"])
    return request


@transaction.atomic
def connection_withdraw(*, request_id: int, user: User, now=None) -> ConnectionRequest:
    """The sender takes a pending request back."""
    now = now or timezone.now()
    request = _pending_for(request_id=request_id, user=user, as_sender=True)
    request.status = ConnectionRequest.Status.WITHDRAWN
    request.answered_at = now
    request.save(update_fields=["status", "answered_at"])
    return request


@transaction.atomic
def connection_remove(*, user: User, other: User, now=None) -> bool:
    """Either side ends a connection. Returns whether there was one."""
    _lock_pair(user.pk, other.pk)
    low, high = Connection.ordered(user.pk, other.pk)
    deleted, _rows = Connection.objects.filter(user_low_id=low, user_high_id=high).delete()
    return bool(deleted)


def _close_pending(a_id: int, b_id: int, *, now) -> None:
    low, high = Connection.ordered(a_id, b_id)
    ConnectionRequest.objects.filter(
        pair_low_id=low, pair_high_id=high, status=ConnectionRequest.Status.PENDING
    ).update(status=ConnectionRequest.Status.WITHDRAWN, answered_at=now)


@transaction.atomic
def block_member(*, blocker: User, blocked: User, now=None) -> Block:
    """``blocker`` blocks ``blocked``: their connection and pending requests end, and
    each disappears for the other. The blocked member is not told."""
    now = now or timezone.now()
    if blocker.pk == blocked.pk:
        raise CommunityError("self")
    _lock_pair(blocker.pk, blocked.pk)
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    low, high = Connection.ordered(blocker.pk, blocked.pk)
    Connection.objects.filter(user_low_id=low, user_high_id=high).delete()
    _close_pending(blocker.pk, blocked.pk, now=now)
    from community.signals import member_blocked

    member_blocked.send(sender=Block, blocker=blocker, blocked=blocked, now=now)
    return block


@transaction.atomic
def unblock_member(*, blocker: User, blocked_id: int) -> bool:
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()
    return bool(deleted)


@transaction.atomic
def requests_mark_seen(*, user: User, now=None) -> int:
    """The member looked at their network page: the header badge goes back to zero, and
    the notifications about those requests count as read."""
    now = now or timezone.now()
    mark_read(user, kinds=["community.connection_request"], now=now)
    return ConnectionRequest.objects.filter(
        recipient=user, status=ConnectionRequest.Status.PENDING, seen_at__isnull=True
    ).update(seen_at=now)


@transaction.atomic
def profile_update(*, profile: Profile, data: dict, themes=None, photo=None, remove_photo=False):
    """Save a member's own edits. Field audiences are capped at the profile's audience,
    the bio is sanitised, links are kept only if http(s), and a new photo (already
    re-encoded by ``community.photos.process_photo``) replaces the old file."""
    for name, value in data.items():
        setattr(profile, name, value)
    profile.bio = clean_bio(profile.bio)
    profile.links = clean_links(profile.links)
    for field in (
        "organisation_visibility",
        "location_visibility",
        "photo_visibility",
        "links_visibility",
    ):
        setattr(profile, field, min(getattr(profile, field), profile.visibility))
    old_photo = profile.photo.name if profile.photo else ""
    if photo is not None:
        profile.photo.save(photo.name, photo, save=False)
    elif remove_photo:
        profile.photo = ""
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    new_photo = profile.photo.name if profile.photo else ""
    if old_photo and old_photo != new_photo:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return profile


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a member's account for good: the member's own, confirmed choice.

    Other apps anonymise what they keep (``member_deleting``); then history stops naming
    them (``community.history``: page revisions, workflow and task states, audit log
    entries, admin comments); then the account goes, and with it the profile,
    connections, requests and blocks (cascade). The photo file is removed once the
    transaction has committed.
    """
    from community.history import MemberTraces, scrub_member_history
    from community.signals import member_deleting

    user = User.objects.select_for_update().get(pk=user.pk)
    # Read who they are before anything is anonymised: the receivers blank names.
    traces = MemberTraces.of(user)
    member_deleting.send(sender=User, user=user)
    profile = Profile.objects.filter(user=user).first()
    photo_name = profile.photo.name if profile and profile.photo else ""
    storage = profile.photo.storage if profile else None
    if profile is not None:
        # Staff audit entries about this profile stay, without the person's name.
        from django.contrib.contenttypes.models import ContentType

        from wagtail.models import ModelLogEntry

        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Profile), object_id=str(profile.pk)
        ).update(label=f"Deleted member #{profile.pk}")
    scrub_member_history(traces)
    user.delete()
    if photo_name:
        transaction.on_commit(lambda: storage.delete(photo_name))
