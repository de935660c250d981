"""Reads about spaces that span relations: which spaces a viewer may see, their words in
the reader's language, and the viewer's own memberships, each in a fixed number of
queries whatever the number of spaces."""

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext

from home.permissions import is_active_member
from spaces import permissions
from spaces.models import Kind, Membership, Space


def originals() -> QuerySet:
    return Space.objects.originals().filter(archived_at__isnull=True)


def visible_spaces(viewer) -> QuerySet:
    """The spaces ``viewer`` may know exist: every space but the secret ones, which only
    their members, the people they invited, and group staff see."""
    spaces = originals()
    if permissions.is_group_staff(viewer):
        return spaces
    if not is_active_member(viewer):
        return spaces.exclude(access="secret")
    mine = Membership.objects.filter(
        user=viewer, state__in=[Membership.State.ACTIVE, Membership.State.INVITED]
    ).values("space")
    secret_ok = Q(pk__in=mine)
    if permissions.has_programme_staff(viewer):
        secret_ok |= Q(kind__in=[Kind.COHORT, Kind.ALUMNI])
    return spaces.filter(~Q(access="secret") | secret_ok)


def space_for_slug(slug: str, viewer) -> Space | None:
    """The space at ``/groups/<slug>/``, or None when it does not exist for ``viewer``."""
    space = originals().filter(slug=slug).select_related("theme").first()
    if space is None or not permissions.can_see(viewer, space):
        return None
    return space


def member_spaces(user) -> QuerySet:
    """The spaces ``user`` is an active member of."""
    if not is_active_member(user):
        return Space.objects.none()
    return originals().filter(memberships__user=user, memberships__state=Membership.State.ACTIVE)


def read_memberships(viewer, spaces) -> dict[int, Membership]:
    """The viewer's rows in ``spaces`` (one query), remembered on each space."""
    spaces = list(spaces)
    if not is_active_member(viewer) or not spaces:
        return {}
    rows = {
        m.space_id: m
        for m in Membership.objects.filter(user=viewer, space__in=[s.pk for s in spaces])
    }
    for space in spaces:
        permissions.remember_membership(space, viewer, rows.get(space.pk))
    return rows


def with_member_counts(spaces: QuerySet) -> QuerySet:
    return spaces.annotate(
        member_count=Count(
            "memberships", filter=Q(memberships__state=Membership.State.ACTIVE), distinct=True
        )
    )


def _theme_words(language: str) -> dict | None:
    """``{translation_key: (name, description)}`` of the themes in ``language`` when it is
    the reader's (from the themes read once per request), else ``None``."""
    from wagtail.models import Locale

    from home.models import Theme

    active = Locale.get_active()
    if active.language_code != language:
        return None
    return {
        t.translation_key: (t.name, t.description)
        for t in Theme.in_locales(active)
        if t.locale_id == active.pk
    }


def localized(spaces, language: str | None = None, *, themes=None) -> list[Space]:
    """Set ``display_name`` and ``display_description`` on each space, in ``language``
    (default: the reader's): its translation where one exists; else, for a cohort space
    the cohort's title, for a thematic network its theme's name and description, for an
    alumni network its programme's title; else the original's words. At most four queries."""
    from cohorts.models import CohortPage, ProgrammePage
    from home.models import Theme

    spaces = list(spaces)
    if not spaces:
        return spaces
    language = language or translation.get_language() or "en"
    default_language = settings.LANGUAGE_CODE.split("-")[0]
    words = {
        row["original_id"]: row
        for row in Space.objects.filter(
            original__in=[s.pk for s in spaces], locale__language_code=language
        ).values("original_id", "name", "description")
    }
    cohort_titles = _page_titles(
        CohortPage, [s.cohort for s in spaces if s.kind == Kind.COHORT and s.cohort_id], language
    )
    programme_titles = _page_titles(
        ProgrammePage,
        [s.programme for s in spaces if s.kind == Kind.ALUMNI and s.programme_id],
        language,
    )
    theme_names = {}
    if themes is not None:  # the caller has the themes in ``language`` already
        theme_names = {t.translation_key: (t.name, t.description) for t in themes}
    elif any(s.kind == Kind.THEMATIC and s.theme_id for s in spaces):
        theme_names = _theme_words(language)
    if theme_names is None:
        rows = Theme.objects.filter(
            translation_key__in=[s.theme.translation_key for s in spaces if s.theme_id],
            locale__language_code=language,
        ).values_list("translation_key", "name", "description")
        theme_names = {key: (name, description) for key, name, description in rows}
    for space in spaces:
        own = words.get(space.pk)
        name = own["name"] if own else None
        if not name and space.kind == Kind.COHORT and space.cohort_id:
            name = cohort_titles.get(space.cohort_id)
        theme_words = (
            theme_names.get(space.theme.translation_key)
            if space.kind == Kind.THEMATIC and space.theme_id
            else None
        )
        if not name and theme_words:
            name = theme_words[0]
        if not name and space.kind == Kind.ALUMNI:
            if space.programme_id and space.programme_id in programme_titles:
                name = gettext("Alumni network: %(programme)s") % {
                    "programme": programme_titles[space.programme_id]
                }
            elif not space.programme_id:
                name = gettext("Alumni network of the Collective")
        space.display_name = name or space.name
        # The original's own words are in the default language; a thematic network
        # without a translation of its own borrows its theme's description elsewhere.
        in_original = language == default_language
        space.display_description = (
            (own["description"] if own else "")
            or (space.description if in_original else "")
            or (theme_words[1] if theme_words else "")
            or space.description
        )
    return spaces


def _page_titles(model, pages, language) -> dict[int, str]:
    """``{original page id: title in language}`` for ``pages`` (one query)."""
    pages = [p for p in pages if p is not None]
    if not pages:
        return {}
    by_key = {p.translation_key: p.pk for p in pages}
    titles = {p.pk: p.title for p in pages}
    for key, title in model.objects.filter(
        translation_key__in=list(by_key), locale__language_code=language, live=True
    ).values_list("translation_key", "title"):
        titles[by_key[key]] = title
    return titles


def hosts(space) -> list[int]:
    """Ids of the members with the host role (staff host too, without a row)."""
    return list(
        space.memberships.filter(
            state=Membership.State.ACTIVE, role=Membership.Role.HOST
        ).values_list("user_id", flat=True)
    )


def active_member_ids(space) -> QuerySet:
    return space.memberships.filter(state=Membership.State.ACTIVE).values_list("user_id", flat=True)


def name_in(space, language: str) -> str:
    """The space's name in ``language`` (for emails, which are in the recipient's)."""
    with translation.override(language):
        return localized([space], language)[0].display_name


def display_name(user) -> str:
    if user is None:
        return gettext("Former member")
    from community.models import Profile

    name = Profile.objects.filter(user=user).values_list("display_name", flat=True).first()
    return name or user.get_full_name()
