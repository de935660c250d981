"""Reads for the group pages: the list, a group's page, its members, the profile and theme
surfaces. Each reads a bounded number of queries whatever the number of groups or people;
access always comes from ``spaces.permissions`` and ``spaces.selectors.visible_spaces``."""

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.permissions import is_active_member
from spaces import selectors
from spaces.models import PUBLIC_ACCESS, Access, Kind, Membership, Space

MAX_QUERY = 200

#: The access levels in a word or two, for cards and badges.
ACCESS_WORDS = {
    Access.OPEN: pgettext_lazy("group access", "Open"),
    Access.REQUEST: pgettext_lazy("group access", "On request"),
    Access.INVITATION: pgettext_lazy("group access", "By invitation"),
    Access.SECRET: pgettext_lazy("group access", "Secret"),
}

#: What a card says of the viewer's own row.
STATE_WORDS = {
    Membership.State.ACTIVE: _("Member"),
    Membership.State.REQUESTED: _("Asked to join"),
    Membership.State.INVITED: _("Invited"),
}


def search(spaces: QuerySet, query: str, language: str | None = None) -> QuerySet:
    """``spaces`` whose name or description matches ``query`` in the reader's language or
    in the original's (translation rows are searched and mapped to their originals), or
    whose theme's name matches (thematic networks are named after their theme)."""
    from home.models import Theme

    query = (query or "").replace("\x00", "").strip()[:MAX_QUERY]
    if not query:
        return spaces
    language = language or translation.get_language() or "en"
    words = Q(name__icontains=query) | Q(description__icontains=query)
    translated = Space.objects.filter(
        words, original__isnull=False, locale__language_code=language
    ).values("original_id")
    themes = Theme.objects.filter(name__icontains=query).values("translation_key")
    return spaces.filter(
        words | Q(pk__in=translated) | Q(kind=Kind.THEMATIC, theme__translation_key__in=themes)
    )


def for_cards(spaces: QuerySet) -> QuerySet:
    """What a card reads, joined in the same query (member count, theme, cohort, programme)."""
    return selectors.with_member_counts(spaces).select_related("theme", "cohort", "programme")


def decorate(
    spaces, viewer, *, theme_names: dict | None = None, themes=None, rows: dict | None = None
) -> list[Space]:
    """Localize ``spaces`` and set what a card shows: ``access_label``, ``theme_name``,
    ``viewer_state`` (the viewer's own state in words, or ""). Two to six queries; fewer
    when the caller has the themes in the reader's language (``themes``) or the viewer's
    rows in these spaces (``rows``, ``{space_id: Membership}``)."""
    from home.models import Theme
    from spaces import permissions

    spaces = selectors.localized(list(spaces), themes=themes)
    if themes is not None and theme_names is None:
        theme_names = {t.translation_key: t.name for t in themes}
    if rows is None:
        rows = selectors.read_memberships(viewer, spaces)
    else:
        for space in spaces:
            permissions.remember_membership(space, viewer, rows.get(space.pk))
    if theme_names is None and any(s.theme_id for s in spaces):
        theme_names = Theme.names()
    theme_names = theme_names or {}
    for space in spaces:
        space.access_label = ACCESS_WORDS.get(space.access, "")
        space.theme_name = (
            theme_names.get(space.theme.translation_key, space.theme.name) if space.theme_id else ""
        )
        row = rows.get(space.pk)
        space.viewer_state = STATE_WORDS.get(row.state, "") if row else ""
    return spaces


def member_count(space, *, read_with_space=False) -> int:
    """The space's active members; ``read_with_space``: take the count ``space_for_slug``
    read with the space when it did (a page that changes no membership)."""
    counted = getattr(space, "active_members", None) if read_with_space else None
    if counted is not None:
        return counted
    return space.memberships.filter(state=Membership.State.ACTIVE).count()


def visible_hosts(space, viewer) -> list:
    """The hosts whose profile ``viewer`` may see (names only), one query."""
    from community.models import Profile

    return list(
        Profile.objects.visible_to(viewer)
        .filter(
            user__space_memberships__space=space,
            user__space_memberships__state=Membership.State.ACTIVE,
            user__space_memberships__role=Membership.Role.HOST,
        )
        .order_by("display_name", "pk")
    )


def visible_members(space, viewer) -> QuerySet:
    """The active members of ``space`` whose profile ``viewer`` may see, hosts first, with
    ``space_role`` set. Hidden members and people blocked either way are not listed."""
    from community.models import Profile

    role = Membership.objects.filter(
        space=space, user=OuterRef("user"), state=Membership.State.ACTIVE
    ).values("role")[:1]
    return (
        Profile.objects.visible_to(viewer)
        .annotate(space_role=Subquery(role))
        .filter(space_role__isnull=False)
        .annotate(
            host_first=Case(
                When(space_role=Membership.Role.HOST, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("user")
        .order_by("host_first", "display_name", "pk")
    )


def profile_groups(viewer, profile) -> list[Space]:
    """The groups ``profile``'s member is an active member of that ``viewer`` may see
    listed on the profile: open and on-request groups for anyone, groups by invitation for
    signed-in viewers, secret groups never (not even to co-members)."""
    spaces = selectors.originals().filter(
        memberships__user_id=profile.user_id, memberships__state=Membership.State.ACTIVE
    )
    if is_active_member(viewer):
        spaces = spaces.exclude(access=Access.SECRET)
    else:
        spaces = spaces.filter(access__in=PUBLIC_ACCESS)
    spaces = list(spaces.select_related("theme", "cohort", "programme").order_by("name", "pk"))
    return selectors.localized(spaces)


def theme_network(theme, viewer) -> Space | None:
    """The thematic network of ``theme`` (any of its translations), if ``viewer`` may see
    it, with ``member_count``, localized, and the viewer's row remembered."""
    space = (
        for_cards(selectors.visible_spaces(viewer))
        .filter(kind=Kind.THEMATIC, theme__translation_key=theme.translation_key)
        .first()
    )
    if space is None:
        return None
    return decorate([space], viewer, themes=[theme])[0]


def my_groups(user, *, limit: int = 6) -> dict:
    """The member's space: their groups and their pending invitations, read with the
    member's own rows in one query (the latest ``limit`` of each), then localized."""
    from django.db.models import Count, F, OuterRef, Subquery, Window
    from django.db.models.functions import Coalesce, RowNumber

    states = [Membership.State.INVITED]
    if is_active_member(user):  # ``selectors.member_spaces``: groups for active members only
        states.append(Membership.State.ACTIVE)
    members = (
        Membership.objects.filter(space=OuterRef("space"), state=Membership.State.ACTIVE)
        .order_by()
        .values("space")
        .annotate(n=Count("*"))
        .values("n")
    )
    rows = list(
        Membership.objects.filter(user=user, state__in=states, space__in=selectors.originals())
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("state")],
                order_by=[F("space__name").asc(), F("space__pk").asc()],
            ),
            space_member_count=Coalesce(Subquery(members), 0),
        )
        .filter(rank__lte=limit + 1)
        .select_related("space__theme", "space__cohort", "space__programme")
        .order_by("space__name", "space__pk")
    )
    active = [r for r in rows if r.state == Membership.State.ACTIVE]
    invited = [r for r in rows if r.state == Membership.State.INVITED][:limit]
    more = len(active) > limit
    active = active[:limit]
    for row in active:
        row.space.member_count = row.space_member_count
    shown = active + invited
    decorated = decorate([r.space for r in shown], user, rows={r.space_id: r for r in shown})
    return {
        "groups": decorated[: len(active)],
        "invitations": decorated[len(active) :],
        "more": more,
    }


def search_groups(query: str, *, viewer, theme_key: str = "", limit: int = 10) -> list:
    """The site search's "Groups": visible spaces only."""
    query = (query or "").replace("\x00", "").strip()[:MAX_QUERY]
    if not query:
        return []
    spaces = search(selectors.visible_spaces(viewer), query)
    if theme_key:
        spaces = spaces.filter(theme__translation_key=theme_key)
    return decorate(for_cards(spaces).order_by("name", "pk")[:limit], viewer)
