"""Joining, leaving, requests and invitations, and hosts.

One row per person and space (``one_membership_per_space``): a request or an invitation
becomes the membership when it is accepted, so two hosts approving the same request at
once give one membership (the row is locked, the second finds it answered).
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from home.errors import check_length
from home.notify import notify
from home.permissions import is_active_member
from spaces import permissions, selectors
from spaces.errors import SpaceError
from spaces.models import Membership, Space

User = get_user_model()
MAX_NOTE = 500


def _original(space: Space) -> Space:
    """The space itself (translations resolve to it); forgets the memberships a page
    remembered on it, which this write may change."""
    space.__dict__.pop("_memberships", None)
    if space.original_id:
        return Space.objects.get(pk=space.original_id)
    return space


def _require_member(user):
    if not is_active_member(user):
        raise SpaceError("sign_in", status=403)


def _require_host(actor, space):
    if not permissions.can_host(actor, space):
        raise SpaceError("not_host", status=403)


def _row(space, user, *, lock=True):
    rows = Membership.objects.filter(space=space, user=user)
    return (rows.select_for_update() if lock else rows).first()


def _activate(row, *, now, via=None, role=None, decided_by=None):
    row.state = Membership.State.ACTIVE
    row.joined_at = now
    if via:
        row.via = via
    if role:
        row.role = role
    if decided_by is not None:
        row.decided_by = decided_by
    row.save()
    return row


def _create(space, user, *, now, **fields) -> Membership:
    """Insert the row; a concurrent insert of the same pair wins and is returned locked."""
    try:
        with transaction.atomic():
            return Membership.objects.create(space=space, user=user, created_at=now, **fields)
    except IntegrityError:
        return _row(space, user)


@transaction.atomic
def space_join(*, space, member, now=None) -> Membership:
    """Join an open space at once (an invitation to it counts as accepted)."""
    now = now or timezone.now()
    _require_member(member)
    space = _original(space)
    if not permissions.can_see(member, space):
        raise SpaceError("not_found", status=404)
    if space.is_automatic:
        raise SpaceError("automatic", status=403)
    row = _row(space, member)
    if row is not None and row.state == Membership.State.ACTIVE:
        raise SpaceError("already_member")
    if space.access != "open" and not (row and row.state == Membership.State.INVITED):
        raise SpaceError("not_open", status=403)
    if row is None:
        row = _create(space, member, now=now, state=Membership.State.ACTIVE, joined_at=now)
        if row.state == Membership.State.ACTIVE:
            return row
    return _activate(row, now=now, via=Membership.Via.JOINED)


@transaction.atomic
def space_request(*, space, member, note: str = "", now=None) -> Membership:
    """Ask to join a space whose hosts approve; the hosts are told."""
    now = now or timezone.now()
    _require_member(member)
    space = _original(space)
    note = check_length((note or "").strip(), MAX_NOTE)
    if not permissions.can_see(member, space):
        raise SpaceError("not_found", status=404)
    if space.is_automatic:
        raise SpaceError("automatic", status=403)
    if space.access != "request":
        raise SpaceError("not_on_request", status=403)
    row = _row(space, member)
    if row is not None:
        if row.state == Membership.State.ACTIVE:
            raise SpaceError("already_member")
        if row.state == Membership.State.REQUESTED:
            raise SpaceError("already_requested")
        if row.state == Membership.State.INVITED:
            return _activate(row, now=now)
        row.state = Membership.State.REQUESTED
        row.note = note
        row.created_at = now
        row.save(update_fields=["state", "note", "created_at"])
    else:
        row = _create(space, member, now=now, state=Membership.State.REQUESTED, note=note)
    _tell_hosts(space, row)
    return row


def _tell_hosts(space, row) -> None:
    for host in User.objects.filter(
        is_active=True,
        space_memberships__space=space,
        space_memberships__state=Membership.State.ACTIVE,
        space_memberships__role=Membership.Role.HOST,
    ).exclude(pk=row.user_id):
        notify(
            host,
            "spaces.join_request",
            context=lambda language: {
                "space": selectors.name_in(space, language),
                "member_name": selectors.display_name(row.user),
            },
            link=("spaces:requests", space.slug),
            dedupe_key=f"space-request:{row.pk}:{row.created_at.isoformat()}:{host.pk}",
        )


@transaction.atomic
def request_answer(*, host, membership, approve: bool, now=None) -> Membership:
    """A host approves or declines a request. The row is locked: of two hosts answering
    at once, the second is told it was already answered."""
    now = now or timezone.now()
    row = Membership.objects.select_for_update().select_related("space").get(pk=membership.pk)
    _original(membership.space)
    _require_host(host, row.space)
    if row.state != Membership.State.REQUESTED:
        raise SpaceError("no_request")
    if approve:
        _activate(row, now=now, decided_by=host)
    else:
        row.decided_by = host
        row.delete()
    notify(
        row.user,
        "spaces.request_answered",
        context=lambda language: {
            "space": selectors.name_in(row.space, language),
            "approved": approve,
        },
        link=("spaces:space", row.space.slug) if approve else ("spaces:index",),
        dedupe_key=f"space-answer:{membership.pk}:{row.created_at.isoformat()}",
    )
    return row


@transaction.atomic
def space_invite(*, host, space, member, note: str = "", now=None) -> Membership:
    """Invite a member (they accept from the group page or the notification)."""
    now = now or timezone.now()
    space = _original(space)
    _require_host(host, space)
    note = check_length((note or "").strip(), MAX_NOTE)
    if not is_active_member(member) or member.pk == host.pk:
        raise SpaceError("cannot_invite")
    from community.models import Profile

    if not Profile.objects.visible_to(host).filter(user=member).exists():
        raise SpaceError("cannot_invite")
    row = _row(space, member)
    if row is not None and row.state in (Membership.State.ACTIVE, Membership.State.INVITED):
        raise SpaceError("already_member" if row.is_active else "cannot_invite")
    if row is not None and row.state == Membership.State.REQUESTED:
        return _activate(row, now=now, decided_by=host)
    if row is None:
        row = _create(
            space, member, now=now, state=Membership.State.INVITED, invited_by=host, note=note
        )
    else:
        row.state = Membership.State.INVITED
        row.invited_by = host
        row.note = note
        row.created_at = now
        row.save(update_fields=["state", "invited_by", "note", "created_at"])
    notify(
        member,
        "spaces.invited",
        context=lambda language: {
            "space": selectors.name_in(space, language),
            "host_name": selectors.display_name(host),
        },
        link=("spaces:space", space.slug),
        dedupe_key=f"space-invite:{row.pk}:{row.created_at.isoformat()}",
    )
    return row


@transaction.atomic
def invitation_answer(*, member, space, accept: bool, now=None) -> Membership | None:
    now = now or timezone.now()
    space = _original(space)
    row = _row(space, member)
    if row is None or row.state != Membership.State.INVITED:
        raise SpaceError("no_invitation")
    if accept:
        return _activate(row, now=now)
    row.delete()
    return None


@transaction.atomic
def space_leave(*, space, member, now=None) -> Membership:
    """Leave a space. An automatic space keeps a ``left`` row so the cohorts sync does not
    add the member again; the last host of a space must hand over first."""
    now = now or timezone.now()
    space = _original(space)
    row = _row(space, member)
    if row is None or row.state != Membership.State.ACTIVE:
        raise SpaceError("not_member")
    if row.role == Membership.Role.HOST:
        others = (
            Membership.objects.filter(
                space=space, state=Membership.State.ACTIVE, role=Membership.Role.HOST
            )
            .exclude(pk=row.pk)
            .exists()
        )
        if not others and not space.is_automatic:
            raise SpaceError("last_host")
    row.state = Membership.State.LEFT
    row.role = Membership.Role.MEMBER
    row.save(update_fields=["state", "role"])
    return row


@transaction.atomic
def host_set(*, actor, space, member, host: bool, now=None) -> Membership:
    """Group staff choose hosts (a host may also make another member a host)."""
    now = now or timezone.now()
    space = _original(space)
    if not (permissions.is_staff_for(actor, space) or permissions.can_host(actor, space)):
        raise SpaceError("not_host", status=403)
    row = _row(space, member)
    if row is None or row.state != Membership.State.ACTIVE:
        if not host:
            raise SpaceError("not_member")
        if row is None:
            row = _create(
                space,
                member,
                now=now,
                state=Membership.State.ACTIVE,
                role=Membership.Role.HOST,
                via=Membership.Via.STAFF,
                joined_at=now,
            )
        return _activate(row, now=now, role=Membership.Role.HOST, decided_by=actor)
    row.role = Membership.Role.HOST if host else Membership.Role.MEMBER
    row.decided_by = actor
    row.save(update_fields=["role", "decided_by"])
    return row


@transaction.atomic
def member_remove(*, host, space, member, now=None) -> None:
    """A host removes a member (they may ask or be invited again)."""
    space = _original(space)
    _require_host(host, space)
    row = _row(space, member)
    if row is None or row.state != Membership.State.ACTIVE:
        raise SpaceError("not_member")
    if row.role == Membership.Role.HOST and not permissions.is_staff_for(host, space):
        raise SpaceError("not_host", status=403)
    row.delete()
