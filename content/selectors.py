"""Reads that span relations: listings, theme gatherings, people in stories.

Every place a member can appear goes through ``Profile.objects.visible_to(viewer)``.
"""

from django.db import connection
from django.db.models import Q

from wagtail.models import Locale, Page

from community.models import Profile
from home.models import Theme
from home.selectors import card_queryset, reader_locale_q, themed_page_models, with_card_images


# ---------------------------------------------------------------------------
# Locales
# ---------------------------------------------------------------------------
def theme_names(locale: Locale | None = None) -> dict:
    """``{theme translation_key: name in the reader's language}`` (default language fills gaps)."""
    return Theme.names(locale)


def themes_for_reader(locale: Locale | None = None) -> list:
    locale = locale or Locale.get_active()
    themes = list(Theme.objects.filter(locale=locale))
    return themes or list(Theme.objects.filter(locale=Locale.get_default()))


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
    return with_card_images(
        items.order_by(*(ordering or ["-first_published_at", "-pk"]))
        .select_related("locale")
        .prefetch_related("themes"),
        "listing_image",
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
