"""Reads that span relations: listings, theme gatherings, people in stories.

Every place a member can appear goes through ``Profile.objects.visible_to(viewer)``.
"""

from django.db import connection
from django.db.models import Q

from wagtail.models import Locale, Page

from community.models import Profile
from home.models import Theme
from home.routing import private_q
from home.selectors import (
    gather_card_rows,
    prepare_cards,
    reader_scope,
    themed_page_models,
    with_card_images,
)


# ---------------------------------------------------------------------------
# Locales
# ---------------------------------------------------------------------------
def _themes_of(locale: Locale) -> list:
    """The themes of ``locale`` and of the default language, in their order: one query
    per request, shared by the filter form, the cards' labels and the names."""
    return Theme.in_locales(locale)


def theme_names(locale: Locale | None = None) -> dict:
    """``{theme translation_key: name in the reader's language}`` (default language fills gaps)."""
    locale = locale or Locale.get_active()
    themes = sorted(_themes_of(locale), key=lambda theme: theme.locale_id == locale.pk)
    return {theme.translation_key: theme.name for theme in themes}


def themes_for_reader(locale: Locale | None = None) -> list:
    locale = locale or Locale.get_active()
    themes = _themes_of(locale)
    own = [theme for theme in themes if theme.locale_id == locale.pk]
    return own or [theme for theme in themes if theme.locale_id == Locale.get_default().pk]


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
    items = model.objects.live().exclude(private_q()).filter(scope)
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
    """What a theme page gathers, as sections ``{key, label, items, archive}``: first
    the sections apps register (``home.themes``: open cohorts and award calls, upcoming
    events), then live, public pages tagged with ``theme`` (any language's copy of it),
    newest first, then the archive sections (past events)."""
    from home import themes

    locale = locale or Locale.get_active()
    scope = reader_scope(locale)
    registered = themes.sections()
    exclude = (*tuple(exclude), *themes.claimed_models())
    tagged = []
    for model in themed_page_models():
        if exclude and issubclass(model, exclude):
            continue
        items = model.objects.filter(scope).filter(
            pk__in=model.objects.filter(themes__translation_key=theme.translation_key).values("pk")
        )
        if hasattr(model, "theme_listing"):
            items = model.theme_listing(items)
        else:
            items = items.order_by("-first_published_at")
        label = getattr(model, "theme_section_label", model._meta.verbose_name_plural)
        tagged.append(({"key": model._meta.label_lower, "label": label, "archive": False}, items))
    first = [(_entry(s), s.items(theme.translation_key, scope=scope)) for s in registered]
    wanted = [pair for pair in first if not pair[0]["archive"]] + tagged
    wanted += [pair for pair in first if pair[0]["archive"]]
    # Every section's rows in two queries, not one a section (home.selectors).
    rows = gather_card_rows([items for _entry_, items in wanted], limit=limit)
    sections = [
        {**entry, "items": items} for (entry, _qs), items in zip(wanted, rows, strict=True) if items
    ]
    prepare_cards([item for section in sections for item in section["items"]])
    return sections


def _entry(section) -> dict:
    return {"key": section.key, "label": section.label, "archive": section.archive}


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
# The member's space: "My stories"
# ---------------------------------------------------------------------------
ME_LIMIT = 5


class StoryStage:
    PUBLISHED = "published"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    DRAFT = "draft"


def me_stories(user) -> dict:
    """The stories the member proposed and where each stands in moderation, and where
    to propose one (two queries)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, OuterRef, Subquery
    from django.db.models.functions import Cast

    from wagtail.models import WorkflowState

    from content.models import StoryPage

    latest_state = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    ).order_by("-created_at", "-pk")
    stories = list(
        StoryPage.objects.filter(submitted_by=user)
        .annotate(workflow_status=Subquery(latest_state.values("status")[:1]))
        .select_related("locale")
        .order_by("-pk")[:ME_LIMIT]
    )
    for story in stories:
        story.stage = _stage(story)
    return {"stories": stories, "propose_url": _propose_url(Locale.get_active())}


def _propose_url(locale) -> str:
    """Where to propose a story in ``locale``: read once per chrome generation (a story
    index published or moved starts a new one)."""
    from content.models import StoryIndexPage
    from home.chrome import shared

    def compute():
        index = (
            StoryIndexPage.objects.live().filter(locale=locale).first()
            or StoryIndexPage.objects.live().first()
        )
        return index.url + index.reverse_subpage("propose") if index and index.url else ""

    return shared(("story_propose_url", locale.pk), compute)


def _stage(story) -> str:
    from wagtail.models import WorkflowState

    if story.live:
        return StoryStage.PUBLISHED
    status = story.workflow_status
    if status == WorkflowState.STATUS_IN_PROGRESS:
        return StoryStage.IN_REVIEW
    if status == WorkflowState.STATUS_NEEDS_CHANGES:
        return StoryStage.CHANGES_REQUESTED
    if status == WorkflowState.STATUS_APPROVED:
        return StoryStage.APPROVED
    return StoryStage.DRAFT


def theme_page_urls(theme_keys: list, *, locale: Locale) -> dict:
    """``{theme translation_key: url}`` of the live theme pages a reader in ``locale``
    opens (their language's page, else the default language's); one query."""
    from content.models import ThemePage

    pages = (
        ThemePage.objects.filter(reader_scope(locale), theme__translation_key__in=theme_keys)
        .select_related("theme")
        .order_by("path")
    )
    urls = {}
    for page in pages:
        key = page.theme.translation_key
        if key not in urls or page.locale_id == locale.pk:
            urls[key] = page.url
    return urls
