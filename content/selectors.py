"""Reads that span relations: listings, theme gatherings, people in stories, search.

Every place a member can appear goes through ``Profile.objects.visible_to(viewer)``.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from community.models import Profile
from home.models import Theme

LISTING_RENDITION = "fill-480x270|format-webp"


# ---------------------------------------------------------------------------
# Locales
# ---------------------------------------------------------------------------
def reader_locale_q(locale: Locale, *, model=Page) -> Q:
    """Pages in ``locale``, plus default-language pages not yet translated into it.

    Readers see untranslated pages in their source language (with a notice) rather
    than not at all.
    """
    default = Locale.get_default()
    if locale.pk == default.pk:
        return Q(locale=locale)
    translated = Page.objects.filter(locale=locale, live=True).values("translation_key")
    return Q(locale=locale) | (Q(locale=default) & ~Q(translation_key__in=translated))


def theme_names(locale: Locale | None = None) -> dict:
    """``{theme translation_key: name in the reader's language}`` (default language fills gaps)."""
    return Theme.names(locale)


def themes_for_reader(locale: Locale | None = None) -> list:
    locale = locale or Locale.get_active()
    themes = list(Theme.objects.filter(locale=locale))
    return themes or list(Theme.objects.filter(locale=Locale.get_default()))


def card_queryset(queryset):
    """What a card shows (locale, themes, image and its rendition), loaded up front."""
    queryset = queryset.select_related("locale")
    if _has_themes(queryset.model):
        queryset = queryset.prefetch_related("themes")
    if any(f.name == "listing_image" for f in queryset.model._meta.get_fields()):
        queryset = queryset.prefetch_related(
            Prefetch(
                "listing_image",
                queryset=get_image_model().objects.prefetch_renditions(LISTING_RENDITION),
            )
        )
    return queryset


def specific_cards(page_ids: list[int]) -> list:
    """The specific pages for ``page_ids`` (in that order), ready for cards: one query
    per page type, not per page."""
    by_type = {}
    for pk, content_type_id in Page.objects.filter(pk__in=page_ids).values_list(
        "pk", "content_type_id"
    ):
        by_type.setdefault(content_type_id, []).append(pk)
    found = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        found.update({page.pk: page for page in card_queryset(model.objects.filter(pk__in=ids))})
    return [found[pk] for pk in page_ids if pk in found]


def _has_themes(model) -> bool:
    try:
        field = model._meta.get_field("themes")
    except FieldDoesNotExist:
        return False
    return field.is_relation and field.related_model is Theme


# ---------------------------------------------------------------------------
# Index listings
# ---------------------------------------------------------------------------
def index_listing(index_page, *, filters: dict):
    """The live, public items of an index in the reader's language, filtered and ordered."""
    model = index_page.get_listing_model()
    scope = Q(path__startswith=index_page.path, depth=index_page.depth + 1)
    default = Locale.get_default()
    if index_page.locale_id != default.pk:
        source = index_page.get_translation_or_none(default)
        if source is not None:
            translated = Page.objects.filter(locale_id=index_page.locale_id, live=True).values(
                "translation_key"
            )
            scope |= Q(path__startswith=source.path, depth=source.depth + 1) & ~Q(
                translation_key__in=translated
            )
    items = model.objects.live().public().filter(scope)
    items = apply_filters(items, model, index_page, filters)
    ordering = ["-date", "-first_published_at"] if hasattr(model, "news_type") else []
    return (
        items.order_by(*(ordering or ["-first_published_at", "-pk"]))
        .select_related("locale")
        .prefetch_related(
            "themes",
            Prefetch(
                "listing_image",
                queryset=get_image_model().objects.prefetch_renditions(LISTING_RENDITION),
            ),
        )
    )


def apply_filters(items, model, index_page, filters: dict):
    if filters.get("theme"):
        items = items.filter(
            pk__in=model.objects.filter(themes__translation_key=filters["theme"]).values("pk")
        )
    if filters.get("country"):
        items = items.filter(country=filters["country"])
    if filters.get("region"):
        items = items.filter(region=filters["region"])
    kind = filters.get("type")
    if kind and index_page.type_field == "sectors":
        items = items.filter(sectors__icontains=f'"{kind}"')
    elif kind:
        items = items.filter(**{index_page.type_field: kind})
    return items


def listing_countries(index_page) -> list[str]:
    """Country codes that occur among the index's items (so the filter offers only those)."""
    model = index_page.get_listing_model()
    codes = (
        model.objects.live()
        .exclude(country="")
        .filter(path__startswith=index_page.path[: Page.steplen])
        .values_list("country", flat=True)
        .distinct()
    )
    return sorted(set(codes))


# ---------------------------------------------------------------------------
# Stories: people and credit
# ---------------------------------------------------------------------------
def story_people(page, *, viewer) -> list[dict]:
    """People involved who consented, limited to those the viewer may see."""
    people = [person for person in page.people.all() if person.consent]
    if not people:
        return []
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.visible_to(viewer).filter(
            user_id__in=[person.member_id for person in people]
        )
    }
    return [
        {
            "name": profiles[p.member_id].display_name,
            "headline": profiles[p.member_id].headline,
            "role": p.role,
        }
        for p in people
        if p.member_id in profiles
    ]


def story_author_credit(page, *, viewer) -> str:
    """The proposer's name when they did not ask for anonymity and the viewer may see them."""
    if not page.submitted_by_id or page.publish_anonymously:
        return ""
    profile = Profile.objects.visible_to(viewer).filter(user_id=page.submitted_by_id).first()
    return profile.display_name if profile else ""


# ---------------------------------------------------------------------------
# Themes: a generic "pages tagged with this theme"
# ---------------------------------------------------------------------------
@cache
def themed_page_models() -> tuple:
    """Every concrete page model with a ``themes`` relation to ``home.Theme``.

    This is the whole interface other apps adopt: give a page model a ``themes``
    many-to-many (or ParentalManyToMany) to ``home.Theme`` and its live pages appear
    on theme pages. Optionally define ``@classmethod theme_listing(cls, queryset)``
    to narrow them (upcoming events only, open calls only) and
    ``theme_section_label`` to name the section.
    """
    found = []
    models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    for model in sorted(models, key=lambda m: len(m.__mro__)):
        if not _has_themes(model):
            continue
        if any(issubclass(model, seen) for seen in found):
            continue  # multi-table child (GuidePage) of a model already gathered
        found.append(model)
    return tuple(found)


def tagged_pages(theme, *, exclude=(), limit: int = 6, locale: Locale | None = None) -> list:
    """Sections of live, public pages tagged with ``theme`` (any language's copy of it)."""
    locale = locale or Locale.get_active()
    sections = []
    for model in themed_page_models():
        if issubclass(model, tuple(exclude)):
            continue
        items = (
            model.objects.live()
            .public()
            .filter(reader_locale_q(locale))
            .filter(
                pk__in=model.objects.filter(themes__translation_key=theme.translation_key).values(
                    "pk"
                )
            )
        )
        if hasattr(model, "theme_listing"):
            items = model.theme_listing(items)
        else:
            items = items.order_by("-first_published_at")
        items = list(card_queryset(items)[:limit])
        if items:
            label = getattr(model, "theme_section_label", model._meta.verbose_name_plural)
            sections.append({"label": label, "model": model._meta.label_lower, "items": items})
    return sections


def open_to_peer_exchange(queryset):
    if connection.vendor == "postgresql":
        return queryset.filter(open_to__contains=["peer_exchange"])
    return queryset.filter(open_to__icontains='"peer_exchange"')


def peers_for_theme(theme, *, viewer, limit: int = 12) -> list:
    """Members open to peer exchange on ``theme``, as the directory allows ``viewer``."""
    tagged = Profile.objects.filter(themes__translation_key=theme.translation_key).values("pk")
    profiles = open_to_peer_exchange(Profile.objects.visible_to(viewer).filter(pk__in=tagged))
    return list(profiles.order_by("display_name")[:limit])


# ---------------------------------------------------------------------------
# Site search
# ---------------------------------------------------------------------------
MAX_QUERY = 200


def search_groups():
    from content.models import (
        GuideChapterPage,
        NewsPage,
        ResourcePage,
        StoryPage,
        ThemePage,
    )

    return [
        ("stories", _("Stories"), (StoryPage,)),
        ("resources", _("Resources"), (ResourcePage, GuideChapterPage)),
        ("news", _("News"), (NewsPage,)),
        ("themes", _("Themes"), (ThemePage,)),
        ("pages", _("Other pages"), None),
    ]


def _search_queryset(models, all_ours, locale):
    default = Locale.get_default()
    qs = Page.objects.live().public().filter(locale_id__in={locale.pk, default.pk})
    if models is None:
        return qs.not_type(*all_ours).filter(depth__gt=1)
    return qs.type(*models)


def search_pages(
    query: str, *, locale: Locale, group: str = "", theme_key: str = "", limit: int = 50
) -> list[dict]:
    """Search results grouped by type, in the reader's language (untranslated pages in
    their source language), live and public only.
    """
    query = (query or "").strip()[:MAX_QUERY]
    if not query:
        return []
    groups = search_groups()
    all_ours = tuple(m for _key, _label, models in groups if models for m in models)
    default = Locale.get_default()
    result = []
    for key, label, models in groups:
        if group and key != group:
            continue
        hits = list(_search_queryset(models, all_ours, locale).search(query)[:limit])
        if locale.pk != default.pk:
            keys = {p.translation_key for p in hits if p.locale_id == default.pk}
            translated = set(
                Page.objects.filter(locale=locale, live=True, translation_key__in=keys).values_list(
                    "translation_key", flat=True
                )
            )
            hits = [
                p for p in hits if p.locale_id == locale.pk or p.translation_key not in translated
            ]
        if theme_key:
            themed = _themed_ids(theme_key, [p.pk for p in hits])
            hits = [p for p in hits if p.pk in themed]
        if hits:
            hits = specific_cards([h.pk for h in hits])
            result.append({"key": key, "label": label, "items": hits})
    return result


def _themed_ids(theme_key: str, page_ids: list[int]) -> set[int]:
    ids = set()
    for model in themed_page_models():
        ids |= set(
            model.objects.filter(pk__in=page_ids, themes__translation_key=theme_key).values_list(
                "pk", flat=True
            )
        )
    return ids


def search_members(query: str, *, viewer, theme_key: str = "", limit: int = 10) -> list:
    """Members matching ``query``, only as the directory allows ``viewer``."""
    query = (query or "").strip()[:MAX_QUERY]
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
