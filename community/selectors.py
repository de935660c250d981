"""Reads about members that every app uses. Privacy rules live here and in ProfileQuerySet."""

from community.models import Connection, Profile, Visibility
from community.permissions import can_see_hidden_profiles
from home.request_memo import memo

#: How wide a field's audience must be for each kind of viewer to see it.
_THRESHOLD = {
    "anonymous": Visibility.PUBLIC,
    "member": Visibility.MEMBERS,
    "connection": Visibility.CONNECTIONS,
}


def visible_profiles(viewer):
    """Every profile ``viewer`` may see, for any listing: directory, attendee lists, pickers."""
    return Profile.objects.visible_to(viewer)


def _seen_visible(viewer) -> dict[str, set[int]]:
    """The profiles (by pk) and members (by user id) this request read through
    ``visible_to(viewer)``: known visible without asking again."""
    return memo(
        ("seen_visible", getattr(viewer, "pk", None)), lambda: {"profiles": set(), "users": set()}
    )


def profile_visible(viewer, profile_pk) -> bool:
    """May ``viewer`` see the profile ``profile_pk``? One query, none when the request
    read that profile through ``visible_to(viewer)`` already (``seen_visible``)."""
    if profile_pk in _seen_visible(viewer)["profiles"]:
        return True
    return Profile.objects.visible_to(viewer).filter(pk=profile_pk).exists()


def visible_user_ids_seen(viewer) -> set[int]:
    """The user ids whose profile this request read through ``visible_to(viewer)``."""
    return set(_seen_visible(viewer)["users"])


def seen_visible(viewer, profile: Profile) -> None:
    """Note, for the rest of the request, that ``viewer`` may see ``profile`` (it was
    read through ``visible_to(viewer)``)."""
    seen = _seen_visible(viewer)
    seen["profiles"].add(profile.pk)
    seen["users"].add(profile.user_id)


def relation(viewer, profile: Profile) -> str:
    """'self', 'staff', 'connection', 'member' or 'anonymous': how ``viewer`` stands to ``profile``."""
    if viewer is None or not viewer.is_authenticated:
        return "anonymous"
    if viewer.pk == profile.user_id:
        return "self"
    if can_see_hidden_profiles(viewer):
        return "staff"
    if profile.user_id in connection_ids(viewer):
        return "connection"
    return "member"


def field_visible(profile: Profile, field_visibility: int, viewer_relation: str) -> bool:
    """A field's own audience, capped by the profile's, against the viewer's relation."""
    if viewer_relation in {"self", "staff"}:
        return True
    effective = min(field_visibility, profile.visibility)
    return effective > Visibility.HIDDEN and effective >= _THRESHOLD[viewer_relation]


# ---------------------------------------------------------------------------
# Batched reads for listings (a fixed number of queries whatever the size)
# ---------------------------------------------------------------------------
_VISIBILITY_FIELDS = {
    "organisation": "organisation_visibility",
    "location": "location_visibility",
    "photo": "photo_visibility",
    "links": "links_visibility",
}


def connection_ids(viewer) -> set[int]:
    """User ids ``viewer`` is connected with (one query, once per request: the network, a
    profile's buttons and the messaging rules all ask; a connection made or ended in the
    request drops the memo, see ``community.signals``). A copy: callers may change it."""
    if viewer is None or not viewer.is_authenticated:
        return set()
    return set(memo(("connection_ids", viewer.pk), lambda: _connection_ids(viewer.pk)))


def _connection_ids(user_id) -> frozenset[int]:
    from django.db.models import Q

    rows = Connection.objects.filter(Q(user_low_id=user_id) | Q(user_high_id=user_id))
    pairs = rows.values_list("user_low_id", "user_high_id")
    return frozenset(high if low == user_id else low for low, high in pairs)


def blocked_either_way(viewer) -> set[int]:
    """User ids ``viewer`` blocked or is blocked by (one query, once per request; a block
    made or lifted in the request drops the memo). A copy: callers may change it."""
    if viewer is None or not viewer.is_authenticated:
        return set()
    return set(memo(("blocked_either_way", viewer.pk), lambda: _blocked_either_way(viewer.pk)))


def _blocked_either_way(user_id) -> frozenset[int]:
    from django.db.models import Q

    from community.models import Block

    rows = Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id))
    pairs = rows.values_list("blocker_id", "blocked_id")
    return frozenset(blocked if blocker == user_id else blocker for blocker, blocked in pairs)


def ties(viewer) -> dict[int, tuple[str, int]]:
    """``pending_request_states(viewer)``, reading in the same query (a UNION) who
    ``viewer`` is connected with and who is blocked either way, so that
    ``connection_ids`` and ``blocked_either_way`` then cost nothing in this request (a
    page of cards asks all three)."""
    from django.db.models import IntegerField, Q, Value

    from community.models import Block, ConnectionRequest

    if viewer is None or not viewer.is_authenticated:
        return {}
    uid = viewer.pk
    kind = {"kind": Value(0, output_field=IntegerField())}
    connections = (
        Connection.objects.filter(Q(user_low_id=uid) | Q(user_high_id=uid))
        .annotate(**kind)
        .values_list("user_low_id", "user_high_id", "pk", "kind")
        .order_by()
    )
    kind["kind"] = Value(1, output_field=IntegerField())
    blocks = (
        Block.objects.filter(Q(blocker_id=uid) | Q(blocked_id=uid))
        .annotate(**kind)
        .values_list("blocker_id", "blocked_id", "pk", "kind")
        .order_by()
    )
    kind["kind"] = Value(2, output_field=IntegerField())
    requests = (
        ConnectionRequest.objects.filter(
            Q(sender_id=uid) | Q(recipient_id=uid), status=ConnectionRequest.Status.PENDING
        )
        .annotate(**kind)
        .values_list("sender_id", "recipient_id", "pk", "kind")
        .order_by()
    )
    connected, blocked, states = set(), set(), {}
    for a, b, pk, row_kind in connections.union(blocks, requests, all=True):
        other = b if a == uid else a
        if row_kind == 0:
            connected.add(other)
        elif row_kind == 1:
            blocked.add(other)
        else:
            states[other] = ("outgoing" if a == uid else "incoming", pk)
    memo(("connection_ids", uid), lambda: frozenset(connected))
    memo(("blocked_either_way", uid), lambda: frozenset(blocked))
    return states


def field_audience_q(viewer, field: str, *, prefix: str = ""):
    """A Q matching the profiles (already ``visible_to(viewer)``) whose ``field``
    ('organisation', 'location', 'photo', 'links') ``viewer`` may see. Searches and
    filters on a field must be combined with it, so nothing matches on what is hidden."""
    from django.db.models import Q

    column = f"{prefix}{_VISIBILITY_FIELDS[field]}"
    if viewer is None or not viewer.is_authenticated:
        return Q(**{f"{column}__gte": Visibility.PUBLIC})
    if can_see_hidden_profiles(viewer):
        return Q()
    connections = (
        Connection.objects.filter(user_low=viewer)
        .values("user_high")
        .union(Connection.objects.filter(user_high=viewer).values("user_low"))
    )
    return (
        Q(**{f"{prefix}user": viewer})
        | Q(**{f"{column}__gte": Visibility.MEMBERS})
        | Q(**{f"{column}__gte": Visibility.CONNECTIONS, f"{prefix}user__in": connections})
    )


def relations(viewer, profiles, *, connected: set[int] | None = None) -> dict[int, str]:
    """``relation()`` for many profiles at once: {profile.pk: relation}."""
    if viewer is None or not viewer.is_authenticated:
        return {p.pk: "anonymous" for p in profiles}
    if connected is None:
        connected = connection_ids(viewer)
    sees_all = can_see_hidden_profiles(viewer)
    result = {}
    for p in profiles:
        if p.user_id == viewer.pk:
            result[p.pk] = "self"
        elif sees_all:
            result[p.pk] = "staff"
        elif p.user_id in connected:
            result[p.pk] = "connection"
        else:
            result[p.pk] = "member"
    return result


def pending_request_states(viewer) -> dict[int, tuple[str, int]]:
    """{other user id: ('outgoing'|'incoming', request id)} for viewer's pending requests."""
    from django.db.models import Q

    from community.models import ConnectionRequest

    if viewer is None or not viewer.is_authenticated:
        return {}
    rows = ConnectionRequest.objects.filter(
        Q(sender=viewer) | Q(recipient=viewer), status=ConnectionRequest.Status.PENDING
    ).values_list("pk", "sender_id", "recipient_id")
    states = {}
    for pk, sender_id, recipient_id in rows:
        if sender_id == viewer.pk:
            states[recipient_id] = ("outgoing", pk)
        else:
            states[sender_id] = ("incoming", pk)
    return states


def unread_requests(viewer):
    """Pending requests ``viewer`` has not looked at yet (the header badge counts them)."""
    from community.models import ConnectionRequest

    return ConnectionRequest.objects.filter(
        recipient=viewer,
        status=ConnectionRequest.Status.PENDING,
        seen_at__isnull=True,
        sender__is_active=True,
    )


#: How many candidates the database ranks (by sector family and shared themes) before the
#: finer ranking (open-to flags, languages, circles) is done in Python on that pool.
SUGGESTION_POOL = 200
_EXCHANGE_FLAGS = ("mentoring", "peer_exchange")


def suggestions(viewer, *, limit: int = 6, pending_ids=None, own=None):
    """People ``viewer`` may want to meet: members who share a theme or a (visible)
    country but work in another sector, each with the reasons they are suggested.

    Ranked: people from the other sector family (government <-> civil society) who share
    a theme first; then by the number of shared themes, of open-to flags (mentoring, peer
    exchange), of shared languages, and a shared cohort or group (``home.circles``).
    Each profile returned carries ``suggestion_reasons`` (short phrases in the active
    language) and ``suggestion_reason`` (them as one sentence, "Works on Open contracting
    in Kenya; civil society"). A reason never names a field the viewer may not see.

    Never: the viewer, existing connections, anyone with a pending request either way,
    anyone blocked either way, hidden profiles (not even for staff). A fixed number of
    queries whatever the number of members. ``pending_ids``: the ids of everyone in the
    viewer's pending requests, and ``own``: the viewer's profile with its themes
    prefetched, when the caller has read them already."""
    from django.db.models import Case, Count, IntegerField, Q, Value, When

    from community.models import ConnectionRequest
    from home import circles
    from home.taxonomy import CIVIL_SOCIETY_SECTORS, GOVERNMENT_SECTORS, sector_family

    if viewer is None or not viewer.is_authenticated:
        return Profile.objects.none()
    if own is None:
        own = Profile.objects.filter(user=viewer).prefetch_related("themes").first()
    if own is None:
        return Profile.objects.none()
    theme_keys = [theme.translation_key for theme in own.themes.all()]
    if pending_ids is None:
        pending = ConnectionRequest.objects.filter(
            Q(sender=viewer) | Q(recipient=viewer), status=ConnectionRequest.Status.PENDING
        )
        pending_ids = {
            pk for pair in pending.values_list("sender_id", "recipient_id") for pk in pair
        }
    excluded = set(pending_ids) | connection_ids(viewer) | {viewer.pk}
    shared = Q(themes__translation_key__in=theme_keys) if theme_keys else Q(pk__in=[])
    if own.country:
        shared |= Q(country=own.country) & field_audience_q(viewer, "location")
    qs = (
        Profile.objects.visible_to(viewer)
        .filter(visibility__gt=Visibility.HIDDEN, user__is_active=True)
        .exclude(user_id__in=excluded)
        .filter(shared)
    )
    if can_see_hidden_profiles(viewer):
        # Staff see everyone, but suggestions must still respect blocks.
        from community.models import Block

        qs = qs.exclude(user__in=Block.objects.filter(blocker=viewer).values("blocked")).exclude(
            user__in=Block.objects.filter(blocked=viewer).values("blocker")
        )
    if own.sector:
        qs = qs.exclude(sector=own.sector)
    family = sector_family(own.sector)
    opposite = {
        "government": CIVIL_SOCIETY_SECTORS,
        "civil_society": GOVERNMENT_SECTORS,
    }.get(family, GOVERNMENT_SECTORS | CIVIL_SOCIETY_SECTORS)
    shared_themes = (
        Count("themes", filter=Q(themes__translation_key__in=theme_keys), distinct=True)
        if theme_keys
        else Value(0)
    )
    pool = list(
        qs.values("pk")
        .annotate(shared_themes=shared_themes)
        .annotate(
            priority=Case(
                When(Q(sector__in=list(opposite)) & Q(shared_themes__gt=0), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("priority", "-shared_themes", "display_name", "pk")
        .values_list("pk", "user_id", "priority", "shared_themes", "open_to", "languages")[
            :SUGGESTION_POOL
        ]
    )
    if not pool:
        return []
    in_circle = circles.sharing_with(viewer, [row[1] for row in pool])
    own_languages = set(own.languages or [])

    def rank(row):
        pk, user_id, priority, themes, open_to, languages = row
        flags = len(set(open_to or []) & set(_EXCHANGE_FLAGS))
        spoken = len(set(languages or []) & own_languages)
        return (priority, -themes, -flags, -spoken, user_id not in in_circle)

    # A stable sort: equal ranks keep the database's order (display name, then pk).
    ids = [row[0] for row in sorted(pool, key=rank)[:limit]]
    by_pk = {p.pk: p for p in Profile.objects.filter(pk__in=ids).prefetch_related("themes")}
    chosen = [by_pk[pk] for pk in ids if pk in by_pk]
    _explain(chosen, theme_keys=set(theme_keys), own=own, in_circle=in_circle)
    return chosen


def _explain(profiles, *, theme_keys: set, own: Profile, in_circle: set[int]) -> None:
    """Set ``suggestion_reasons`` and ``suggestion_reason`` on each profile, in the active
    language, from what a member (not a connection) may see of it."""
    from django.utils.text import capfirst
    from django.utils.translation import gettext as _
    from django.utils.translation import pgettext

    from community.models.profile import SPOKEN_LANGUAGES
    from home.models import Theme
    from home.taxonomy import sector_family

    names = Theme.names() if any(p.themes.all() for p in profiles) else {}
    spoken_names = dict(SPOKEN_LANGUAGES)
    own_languages = list(own.languages or [])

    def both(items) -> str:
        if len(items) == 1:
            return items[0]
        return _("%(first)s and %(second)s") % {"first": items[0], "second": items[1]}

    for profile in profiles:
        reasons = []
        seen, themes = set(), []
        for theme in profile.themes.all():
            key = theme.translation_key
            if key in theme_keys and key not in seen:
                seen.add(key)
                themes.append(names.get(key, theme.name))
        themes = sorted(themes)[:2]
        country = (
            profile.country.name
            if profile.country and field_visible(profile, profile.location_visibility, "member")
            else ""
        )
        if themes and country:
            reasons.append(
                _("works on %(themes)s in %(country)s")
                % {"themes": both(themes), "country": country}
            )
        elif themes:
            reasons.append(_("works on %(themes)s") % {"themes": both(themes)})
        elif country:
            reasons.append(_("based in %(country)s") % {"country": country})
        family = sector_family(profile.sector)
        if family == "government":
            reasons.append(pgettext("sector family", "government"))
        elif family == "civil_society":
            reasons.append(pgettext("sector family", "civil society"))
        elif profile.sector:
            label = str(profile.get_sector_display())
            reasons.append(label[:1].lower() + label[1:])
        flags = [flag for flag in _EXCHANGE_FLAGS if flag in (profile.open_to or [])]
        if len(flags) == 2:
            reasons.append(_("open to mentoring and peer exchange"))
        elif flags == ["mentoring"]:
            reasons.append(_("open to mentoring"))
        elif flags == ["peer_exchange"]:
            reasons.append(_("open to peer exchange"))
        languages = [
            str(spoken_names[code])
            for code in own_languages
            if code in (profile.languages or []) and code in spoken_names
        ][:2]
        if languages:
            reasons.append(_("speaks %(languages)s") % {"languages": both(languages)})
        if profile.user_id in in_circle:
            reasons.append(_("in one of your cohorts"))
        profile.suggestion_reasons = reasons
        profile.suggestion_reason = capfirst("; ".join(reasons))


def _name_of(other) -> str:
    """Another member as they present themselves (display name), never their account data."""
    profile = getattr(other, "profile", None)
    return profile.display_name if profile is not None else ""


def member_data(user) -> dict:
    """Everything the platform holds about ``user``, for their JSON download.

    The community's own records, then one section per ``collect_member_data`` receiver
    (other apps). Blocks *received* are left out on purpose: the blocked member is never
    told, not even here.
    """
    from django.db.models import Q

    from community.models import Block, ConnectionRequest
    from community.signals import collect_member_data

    profile = Profile.objects.filter(user=user).prefetch_related("themes").first()
    data = {
        "account": {
            "email": user.email,
            "name": user.name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
    }
    if profile is not None:
        data["profile"] = {
            "display_name": profile.display_name,
            "headline": profile.headline,
            "organisation": profile.organisation,
            "sector": profile.sector,
            "country": profile.country.code if profile.country else "",
            "city": profile.city,
            "region": profile.region,
            "languages": profile.languages,
            "themes": [t.name for t in profile.themes.all()],
            "bio": profile.bio,
            "links": profile.links,
            "open_to": profile.open_to,
            "photo": bool(profile.photo),
            "visibility": Visibility(profile.visibility).label,
            "allow_search_engines": profile.allow_search_engines,
            "organisation_visibility": Visibility(profile.organisation_visibility).label,
            "location_visibility": Visibility(profile.location_visibility).label,
            "photo_visibility": Visibility(profile.photo_visibility).label,
            "links_visibility": Visibility(profile.links_visibility).label,
            "created_at": profile.created_at,
            "updated_at": profile.updated_at,
        }
    names = dict(
        Profile.objects.filter(user_id__in=connection_ids(user)).values_list(
            "user_id", "display_name"
        )
    )
    data["connections"] = [{"display_name": name} for name in names.values()]
    data["connection_requests"] = [
        {
            "direction": "sent" if r.sender_id == user.pk else "received",
            "other": _name_of(r.recipient if r.sender_id == user.pk else r.sender),
            "note": r.note,
            "status": r.status,
            "created_at": r.created_at,
            "answered_at": r.answered_at,
        }
        for r in ConnectionRequest.objects.filter(Q(sender=user) | Q(recipient=user))
        .select_related("sender__profile", "recipient__profile")
        .order_by("created_at")
    ]
    data["blocked_members"] = [
        {"name": _name_of(b.blocked), "since": b.created_at}
        for b in Block.objects.filter(blocker=user).select_related("blocked__profile")
    ]
    for _receiver, response in collect_member_data.send(sender=type(user), user=user):
        if isinstance(response, tuple) and len(response) == 2:
            section, section_data = response
            data[str(section)] = section_data
    return data


def search_members(query: str, *, viewer, theme_key: str = "", limit: int = 10) -> list:
    """Members matching ``query`` for the site search, only as the directory allows ``viewer``."""
    from django.db.models import Q

    query = (query or "").strip()[:200]
    if not query:
        return []
    profiles = Profile.objects.visible_to(viewer).filter(
        Q(display_name__icontains=query) | Q(headline__icontains=query)
    )
    if theme_key:
        profiles = profiles.filter(
            pk__in=Profile.objects.filter(themes__translation_key=theme_key).values("pk")
        )
    return list(profiles.order_by("display_name")[:limit])


ME_LIMIT = 6


def connections_of(user):
    """``user``'s connection rows (the header counts them: the space reads the count there)."""
    from django.db.models import Q

    return Connection.objects.filter(Q(user_low_id=user.pk) | Q(user_high_id=user.pk))


def me_network(user) -> dict:
    """The member's space: some of their connections, and the pending requests both ways
    (names linked only where the member may see the profile); two queries when the header
    counted the connections (``home.me.header_count``), a third when requests are pending."""
    from django.db.models import Case, F, Q, Value, When, Window
    from django.db.models.functions import RowNumber

    from community.models import ConnectionRequest
    from home.me import header_count

    count = header_count(user, "connections")
    if count is None:
        connected = connection_ids(user)
        count, among = len(connected), Q(user_id__in=connected)
    else:
        rows = Connection.objects.all()
        among = Q(user_id__in=rows.filter(user_low_id=user.pk).values("user_high_id")) | Q(
            user_id__in=rows.filter(user_high_id=user.pk).values("user_low_id")
        )
    people = Profile.objects.filter(among, user__is_active=True).exclude(
        visibility=Visibility.HIDDEN
    )
    connections = list(people.order_by("display_name")[:ME_LIMIT]) if count else []
    # Both ways in one query: the latest ME_LIMIT of each direction.
    incoming_q = Q(recipient=user, sender__is_active=True)
    direction = Case(When(incoming_q, then=Value(0)), default=Value(1))
    pending = list(
        ConnectionRequest.objects.filter(status=ConnectionRequest.Status.PENDING)
        .filter(incoming_q | Q(sender=user, recipient__is_active=True))
        .annotate(
            rank=Window(RowNumber(), partition_by=[direction], order_by=F("pk").desc()),
        )
        .filter(rank__lte=ME_LIMIT)
        .select_related("sender__profile", "recipient__profile")
        .order_by("-pk")
    )
    incoming = [r for r in pending if r.recipient_id == user.pk]
    outgoing = [r for r in pending if r.recipient_id != user.pk]
    others = [r.sender_id for r in incoming] + [r.recipient_id for r in outgoing]
    visible = (
        set(visible_profiles(user).filter(user_id__in=others).values_list("user_id", flat=True))
        if others
        else set()
    )
    return {
        "connections": connections,
        "connection_count": count,
        "incoming": [
            {"request": r, "profile": r.sender.profile, "linked": r.sender_id in visible}
            for r in incoming
        ],
        "outgoing": [
            {"request": r, "profile": r.recipient.profile, "linked": r.recipient_id in visible}
            for r in outgoing
        ],
    }
