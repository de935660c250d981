"""Who may see, join, read, write in and host a space: the one rule every surface asks.

In order, for a space ``space`` (always its original) and a viewer ``user``:

1. *Sees it at all* (``can_see``): a secret space exists only for its members, the people
   it invited, and group staff. Every other space exists for everyone.
2. *Opens its page* (``can_view_page``): open and on-request spaces are public; spaces by
   invitation are for signed-in members; secret ones as in 1.
3. *Reads its discussions, members-only resources and member list* (``can_read``): its
   active members, and group staff. Programme staff read the cohort spaces and alumni
   networks of every programme.
4. *Writes* (``can_post``): an active member whose messages are not suspended by a
   moderator, in a thread that is not locked (hosts write in locked threads).
5. *Hosts* (``can_host``): members with the host role, group staff everywhere, programme
   staff in cohort spaces and alumni networks. Hosts pin, lock and hide threads, remove
   posts, post announcements, approve requests, invite, and share resources.

Group staff hold ``spaces.manage_space`` (the "Group managers" group): they create
coalitions and chapters in the admin and choose hosts. Moderators
(``messaging.moderate_messages``) act on reported posts everywhere; hosts act on those of
their own spaces.
"""

from home.permissions import ACCESS_ADMIN, has, is_active_member

MANAGE = "spaces.manage_space"
PROGRAMME_STAFF = "cohorts.manage_cohort"

#: group name → permissions (see docs/roles.md).
#: Group managers translate group names and descriptions with wagtail-localize.
GROUPS = {
    "Group managers": [ACCESS_ADMIN, MANAGE, "wagtail_localize.submit_translation"],
}


def is_group_staff(user) -> bool:
    return has(user, MANAGE)


def has_programme_staff(user) -> bool:
    return has(user, PROGRAMME_STAFF)


def is_staff_for(user, space) -> bool:
    """Group staff; programme staff for cohort spaces and alumni networks."""
    if not is_active_member(user):
        return False
    if has(user, MANAGE):
        return True
    return space.kind in ("cohort", "alumni") and has(user, PROGRAMME_STAFF)


def membership_of(user, space):
    """The viewer's row in ``space`` (any state), or None. Cached on the space object so
    one page asks once."""
    if not is_active_member(user):
        return None
    cache = space.__dict__.setdefault("_memberships", {})
    if user.pk not in cache:
        from spaces.models import Membership

        cache[user.pk] = Membership.objects.filter(space=space, user=user).first()
    return cache[user.pk]


def remember_membership(space, user, membership) -> None:
    """Let a listing that read the viewer's rows in one query answer ``membership_of``."""
    if is_active_member(user):
        space.__dict__.setdefault("_memberships", {})[user.pk] = membership


def is_member(user, space) -> bool:
    m = membership_of(user, space)
    return bool(m and m.state == m.State.ACTIVE)


def can_see(user, space) -> bool:
    if space is None:
        return False
    if not space.is_secret:
        return True
    if is_staff_for(user, space):
        return True
    m = membership_of(user, space)
    return bool(m and m.state in (m.State.ACTIVE, m.State.INVITED))


def can_view_page(user, space) -> bool:
    if not can_see(user, space):
        return False
    if space.is_public:
        return True
    return is_active_member(user)


def can_read(user, space) -> bool:
    """Discussions, members-only resources, the member list."""
    return is_member(user, space) or is_staff_for(user, space)


def can_host(user, space) -> bool:
    if is_staff_for(user, space):
        return True
    m = membership_of(user, space)
    return bool(m and m.state == m.State.ACTIVE and m.role == m.Role.HOST)


def is_suspended(user) -> bool:
    """A moderator's suspension of a member's messages covers their posts too."""
    from messaging.permissions import is_suspended as messages_suspended

    return messages_suspended(user)


def can_post(user, space, thread=None) -> bool:
    if not can_read(user, space):
        return False
    if not is_member(user, space) and not can_host(user, space):
        return False
    locked = thread is not None and (thread.is_hidden or thread.is_locked)
    if locked and not can_host(user, space):
        return False
    return not is_suspended(user)


def can_announce(user, space) -> bool:
    return can_host(user, space) and not is_suspended(user)


def can_see_resources(user, space) -> bool:
    """Public spaces share their resources with anyone who can open the page."""
    return (space.is_public and can_view_page(user, space)) or can_read(user, space)


def can_join(user, space) -> bool:
    """Join at once: open spaces that are not kept in step with the cohorts app."""
    if not is_active_member(user) or space.is_automatic or space.access != "open":
        return False
    m = membership_of(user, space)
    return m is None or m.state in (m.State.LEFT, m.State.INVITED)


def can_request(user, space) -> bool:
    if not is_active_member(user) or space.is_automatic or space.access != "request":
        return False
    m = membership_of(user, space)
    return m is None or m.state == m.State.LEFT


def can_leave(user, space) -> bool:
    m = membership_of(user, space)
    return bool(m and m.state == m.State.ACTIVE)


def can_moderate_everywhere(user) -> bool:
    from messaging.permissions import can_moderate

    return can_moderate(user)


def ensure_groups() -> dict:
    from home.permissions import ensure_groups as ensure

    return ensure(GROUPS)
