"""Who may write to whom, and who moderates.

``why_not(sender, recipient)`` is the one rule for starting a conversation (the "Message"
button on profiles and directory cards, the start form, a direct POST, adding someone to a
group conversation); ``messageable(sender, users)`` applies it to a page of people in a
fixed number of queries. In order:

1. a visitor, oneself, an inactive account, or anyone blocked either way: refused (a
   blocked member is told only that the member could not be found);
2. a suspended sender: refused;
3. the recipient's setting: *nobody* refuses everyone; *connections* needs a connection;
   *connections and people in my cohorts and groups* also admits anyone sharing a circle
   (``home.circles``);
4. outside a connection, the recipient's profile must be visible to the sender
   (``Profile.objects.visible_to``): a hidden member talks to their connections and is
   never discoverable through messaging.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from home import circles
from home.permissions import ACCESS_ADMIN, has, is_active_member
from home.request_memo import memo

MODERATE = "messaging.moderate_messages"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Community moderators": [ACCESS_ADMIN, MODERATE],
}


def can_moderate(user) -> bool:
    """Reads what was reported (and only that), and acts on it in the admin."""
    return has(user, MODERATE) and has(user, ACCESS_ADMIN)


def _settings_for(user_ids) -> dict[int, object]:
    """``{user id: MessagingSettings}`` for those of ``user_ids`` who have any. Within a
    request each member's settings are read once (the profile's Message and exchange
    buttons, a group's reply form all ask); saving settings drops the memo."""
    from messaging.models import MessagingSettings

    known = memo(("messaging_settings",), dict)  # {user id: settings or None}
    missing = {pk for pk in user_ids if pk not in known}
    if missing:
        known.update(dict.fromkeys(missing))
        known.update(
            (s.user_id, s) for s in MessagingSettings.objects.filter(user_id__in=list(missing))
        )
    return {pk: known[pk] for pk in user_ids if known[pk] is not None}


def is_suspended(user, now=None) -> bool:
    now = now or timezone.now()
    settings = _settings_for([user.pk]).get(user.pk)
    return bool(settings and settings.is_suspended(now))


def reasons(sender, users, *, now=None) -> dict[int, str | None]:
    """For each user in ``users``: None when ``sender`` may start a conversation with them,
    else the refusal's code (``messaging.errors.MessagingError``). Six queries at most,
    whatever the number of users."""
    from community.models import Profile
    from community.selectors import blocked_either_way, connection_ids, visible_user_ids_seen
    from messaging.models.conversations import Audience

    users = [u for u in users if u is not None]
    if not is_active_member(sender):
        return {u.pk: "not_found" for u in users}
    now = now or timezone.now()
    ids = {u.pk for u in users} - {sender.pk}
    result: dict[int, str | None] = {u.pk: None for u in users}
    if sender.pk in result:
        result[sender.pk] = "self"
    if not ids:
        return result
    blocked = blocked_either_way(sender) & ids
    own = _settings_for([sender.pk] + list(ids))
    suspended = sender.pk in own and own[sender.pk].is_suspended(now)
    connected = connection_ids(sender) & ids
    # A connection's profile is not asked about (a hidden member talks to connections),
    # so a page of connections costs no visibility query.
    # Nor is a profile this request already read through visible_to(sender).
    known = visible_user_ids_seen(sender) & ids
    unknown = ids - connected - known
    visible = known | (
        set(
            Profile.objects.visible_to(sender)
            .filter(user_id__in=unknown)
            .values_list("user_id", flat=True)
        )
        if unknown
        else set()
    )
    active = {u.pk for u in users if u.is_active}
    shared_needed = {
        pk
        for pk in ids - connected
        if getattr(own.get(pk), "who_may_message", Audience.SHARED) == Audience.SHARED
    }
    sharing = circles.sharing_with(sender, shared_needed) if shared_needed else set()
    for pk in ids:
        audience = getattr(own.get(pk), "who_may_message", Audience.SHARED)
        if pk not in active or pk in blocked:
            result[pk] = "not_found"
        elif suspended:
            result[pk] = "suspended"
        elif audience == Audience.NOBODY:
            result[pk] = "closed" if pk in connected or pk in visible else "not_found"
        elif pk in connected:
            result[pk] = None
        elif pk not in visible:
            result[pk] = "not_found"
        elif audience == Audience.CONNECTIONS:
            result[pk] = "connections_only"
        elif pk not in sharing:
            result[pk] = "no_shared_circle"
    return result


def why_not(sender, recipient, *, now=None) -> str | None:
    """None when ``sender`` may start a conversation with ``recipient``, else a code."""
    if recipient is None:
        return "not_found"
    return reasons(sender, [recipient], now=now)[recipient.pk]


def can_message(sender, recipient, *, now=None) -> bool:
    return why_not(sender, recipient, now=now) is None


def messageable(sender, users, *, now=None) -> set[int]:
    """The ids among ``users`` that ``sender`` may start a conversation with (for the
    "Message" buttons on a page of cards)."""
    return {pk for pk, reason in reasons(sender, users, now=now).items() if reason is None}


# ---------------------------------------------------------------------------
# Mentoring and peer exchange
# ---------------------------------------------------------------------------
#: The profile's ``open_to`` values a request can be about.
EXCHANGE_KINDS = ("mentoring", "peer_exchange")


def exchange_refusals(
    sender, recipient, *, now=None, visible_profile=None
) -> dict[str, str | None]:
    """For each exchange kind: None when ``sender`` may send ``recipient`` a request of
    that kind now, else the refusal's code (``messaging.errors.ExchangeError``). The one
    rule for the profile page's button, the request form and the service. In order: a
    visitor, an inactive account, a hidden profile or a block either way (``not_found``),
    oneself, a suspended sender, a kind the member is not open to, a pause, a member at
    their limit of exchanges under way, a request of that kind already waiting. Four
    queries at most (the blocks and settings come from the request's memo when read
    already; ``visible_profile``, the recipient's profile read through
    ``visible_to(sender)``, saves one)."""
    from community.models import Profile
    from community.selectors import blocked_either_way
    from messaging.models import ExchangeRequest

    refusals: dict[str, str | None] = dict.fromkeys(EXCHANGE_KINDS)

    def every(code):
        return dict.fromkeys(EXCHANGE_KINDS, code)

    if recipient is None or not is_active_member(sender) or not recipient.is_active:
        return every("not_found")
    if sender.pk == recipient.pk:
        return every("self")
    now = now or timezone.now()
    if visible_profile is not None and visible_profile.user_id == recipient.pk:
        profile = visible_profile  # the caller read it through visible_to(sender)
    else:
        profile = Profile.objects.visible_to(sender).filter(user=recipient).only("open_to").first()
    if profile is None:
        return every("not_found")
    if recipient.pk in blocked_either_way(sender):
        return every("not_found")
    own = _settings_for([sender.pk, recipient.pk])
    if sender.pk in own and own[sender.pk].is_suspended(now):
        return every("suspended")
    theirs = own.get(recipient.pk)
    paused = bool(theirs and theirs.exchanges_paused)
    limit = theirs.exchanges_at_once if theirs else 3
    # The recipient's exchanges under way and the sender's requests still open, one query.
    accepted = Q(recipient=recipient, status=ExchangeRequest.Status.ACCEPTED, ends_at__gt=now)
    still_open = Q(sender=sender, recipient=recipient, status__in=ExchangeRequest.OPEN)
    under_way, waiting = 0, set()
    for kind, is_under_way, is_open in ExchangeRequest.objects.filter(
        accepted | still_open
    ).values_list(
        "kind",
        ExpressionWrapper(accepted, BooleanField()),
        ExpressionWrapper(still_open, BooleanField()),
    ):
        under_way += bool(is_under_way)
        if is_open:
            waiting.add(kind)
    full = not paused and under_way >= limit
    open_to = set(profile.open_to or [])
    for kind in EXCHANGE_KINDS:
        if kind not in open_to:
            refusals[kind] = "not_open"
        elif paused:
            refusals[kind] = "paused"
        elif full:
            refusals[kind] = "full"
        elif kind in waiting:
            refusals[kind] = "already_open"
    return refusals


def exchange_refusal(sender, recipient, kind: str, *, now=None) -> str | None:
    """None when ``sender`` may ask ``recipient`` for ``kind`` now, else a code."""
    if kind not in EXCHANGE_KINDS:
        return "not_open"
    return exchange_refusals(sender, recipient, now=now)[kind]


def can_request_exchange(sender, recipient, kind: str, *, now=None) -> bool:
    return exchange_refusal(sender, recipient, kind, now=now) is None
