"""Reads over pages of any app: the reader's locale, cards, and pages tagged with themes.

Used by the site frame (search) and by every app's listings. Selectors never import
services or forms.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import IntegerField, Prefetch, Q, Value, Window
from django.db.models.functions import RowNumber

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from home.images import CARD_SPECS
from home.models import Theme

#: The field a card's image comes from, per model (``listing_image``; events: ``image``).
CARD_IMAGE_FIELDS = ("listing_image", "image")


def card_image_field(model) -> str | None:
    names = {f.name for f in model._meta.get_fields()}
    return next((name for name in CARD_IMAGE_FIELDS if name in names), None)


def with_card_images(queryset, field: str | None = None):
    """``queryset`` with its card image and every card rendition loaded up front."""
    field = field or card_image_field(queryset.model)
    if not field:
        return queryset
    return queryset.prefetch_related(
        Prefetch(field, queryset=get_image_model().objects.prefetch_renditions(*CARD_SPECS))
    )


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


def reader_scope(locale: Locale) -> Q:
    """Live, public pages for a reader in ``locale`` (``reader_locale_q``), as one Q that
    any page model's queryset can take: a page listing many models reads the view
    restrictions and the default locale once, not once per model."""
    from home.routing import private_q

    return Q(live=True) & ~private_q() & reader_locale_q(locale)


def has_themes(model) -> bool:
    try:
        field = model._meta.get_field("themes")
    except FieldDoesNotExist:
        return False
    return field.is_relation and field.related_model is Theme


def card_queryset(queryset):
    """What a card shows (locale, themes, image and its rendition), loaded up front."""
    queryset = queryset.select_related("locale")
    if has_themes(queryset.model):
        queryset = queryset.prefetch_related("themes")
    return with_card_images(queryset)


def card_rows(queryset):
    """What a card shows, without the per-queryset prefetches: the caller gathers the
    rows of several listings and loads their themes and images once
    (:func:`prepare_cards`), as the theme page does for its sections."""
    return queryset.select_related("locale")


def gather_card_rows(querysets, *, limit: int) -> list[list]:
    """The first ``limit`` rows of each ordered page queryset (any page models), as
    specific pages with their locale, in two queries whatever their number: one UNION
    of which pages each shows, ranked in its own order, and one for those pages (every
    type joined). Themes and images are the caller's (:func:`prepare_cards`)."""
    querysets = list(querysets)
    parts = None
    for index, queryset in enumerate(querysets):
        order = list(queryset.query.order_by or queryset.model._meta.ordering) + ["-pk"]
        # A compound statement's parts take no LIMIT (SQLite): each keeps its first rows
        # by a sliced subquery and ranks them in the same order.
        first = queryset.order_by(*order).values("pk")[:limit]
        part = (
            queryset.model.objects.filter(pk__in=first)
            .order_by()
            .annotate(
                _section=Value(index, output_field=IntegerField()),
                _rank=Window(RowNumber(), order_by=order),
            )
            .values_list("pk", "content_type_id", "_section", "_rank")
        )
        parts = part if parts is None else parts.union(part, all=True)
    if parts is None:
        return []
    rows = sorted(parts, key=lambda row: (row[2], row[3]))
    paths = {}
    for pk, content_type_id, _section, _rank in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and model is not Page:
            paths[pk] = specific_path(model)
    found = {}
    if rows:
        joined = Page.objects.filter(pk__in=[row[0] for row in rows]).select_related(
            "locale", *set(paths.values())
        )
        for page in joined:
            path = paths.get(page.pk)
            specific = (_specific_from_join(page, path) if path else page) or page
            specific._state.fields_cache["locale"] = page.locale
            found[page.pk] = specific
    gathered = [[] for _ in querysets]
    for pk, _type, section, _rank in rows:
        if pk in found:
            gathered[section].append(found[pk])
    return gathered


def prepare_cards(cards) -> list:
    """Every card's themes (one query per themed page model) and image with its card
    renditions (two queries), whatever the number of cards and of sections."""
    cards = list(cards)
    _attach_themes(cards)
    _attach_card_images(cards)
    return cards


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


@cache
def themed_page_models() -> tuple:
    """Every concrete page model with a ``themes`` relation to ``home.Theme``.

    This is the whole interface other apps adopt: give a page model a ``themes``
    many-to-many (or ParentalManyToMany) to ``home.Theme`` and its live pages appear
    on theme pages and under the search page's theme filter. Optionally define
    ``@classmethod theme_listing(cls, queryset)`` to narrow them (upcoming events only,
    open calls only) and ``theme_section_label`` to name the section.
    """
    found = []
    models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    for model in sorted(models, key=lambda m: len(m.__mro__)):
        if not has_themes(model):
            continue
        if any(issubclass(model, seen) for seen in found):
            continue  # multi-table child (GuidePage) of a model already gathered
        found.append(model)
    return tuple(found)


def themed_ids(theme_key: str, page_ids: list[int]) -> set[int]:
    """Which of ``page_ids`` are tagged with the theme ``theme_key`` (any language's copy)."""
    ids = set()
    for model in themed_page_models():
        ids |= set(
            model.objects.filter(pk__in=page_ids, themes__translation_key=theme_key).values_list(
                "pk", flat=True
            )
        )
    return ids


def specific_path(model) -> str:
    """The ``select_related`` path from ``Page`` down to its subclass ``model``
    (``"resourcepage__guidepage"``): Django fills a multi-table child from the joined
    rows, its inherited fields included, so many page types load in one query."""
    steps = []
    while model is not Page:
        parent = next(p for p in model._meta.parents if issubclass(p, Page))
        steps.append(model._meta.parents[parent].related_query_name())
        model = parent
    return "__".join(reversed(steps))


def _specific_from_join(page, path: str):
    found = page
    for step in path.split("__"):
        found = getattr(found, step, None)
        if found is None:
            return None
    return found


def cards_of_pages(pages, *, themes: bool = False) -> list:
    """The specific pages of ``pages`` (base or specific pages, in that order), each with
    its locale, card image and the image's card renditions loaded, whatever the number of
    cards and of page types: one query for the pages (every type joined), one for the
    images, one for their renditions (and one for the themes when asked)."""
    pages = list(pages)
    base = [page for page in pages if type(page) is Page]
    found = {}
    if base:
        paths = {}
        for page in base:
            model = ContentType.objects.get_for_id(page.content_type_id).model_class()
            if model is not None and model is not Page:
                paths[page.pk] = specific_path(model)
        queryset = Page.objects.filter(pk__in=[p.pk for p in base]).select_related(
            "locale", *set(paths.values())
        )
        for page in queryset:
            path = paths.get(page.pk)
            specific = (_specific_from_join(page, path) if path else page) or page
            specific._state.fields_cache["locale"] = page.locale
            found[page.pk] = specific
    cards = [found.get(page.pk, page) for page in pages]
    if themes:
        _attach_themes(cards)
    _attach_card_images(cards)
    return cards


def _attach_themes(cards) -> None:
    """Each themed card's ``themes``, as if prefetched, in two queries whatever the number
    of page types: one over every themed model's link table (a UNION), one for the themes.
    """
    pending = {}
    for card in cards:
        if "themes" in getattr(card, "_prefetched_objects_cache", {}):
            continue
        if has_themes(type(card)):
            pending.setdefault(type(card), {})[card.pk] = card
    if not pending:
        return
    links = None
    for model, by_pk in pending.items():
        field = model._meta.get_field("themes")
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        rows = (
            through.objects.filter(**{f"{source}__in": list(by_pk)})
            .order_by()
            .values_list(f"{source}_id", f"{target}_id")
        )
        links = rows if links is None else links.union(rows, all=True)
    pairs = list(links)
    wanted = {theme for _page, theme in pairs}
    # The reader's themes are read once per request already; ask only for any others.
    themes = {t.pk: t for t in Theme.in_locales() if t.pk in wanted}
    if wanted - set(themes):
        themes = {t.pk: t for t in Theme.objects.filter(pk__in=wanted)}
    order = list(themes)
    of_page: dict[int, list] = {}
    for page_id, theme_id in pairs:
        of_page.setdefault(page_id, []).append(theme_id)
    for by_pk in pending.values():
        for pk, card in by_pk.items():
            ids = sorted(of_page.get(pk, []), key=order.index)
            cached = card.themes.all()
            cached._result_cache = [themes[i] for i in ids if i in themes]
            cached._prefetch_done = True
            card._prefetched_objects_cache = getattr(card, "_prefetched_objects_cache", {})
            card._prefetched_objects_cache["themes"] = cached


def _attach_card_images(cards) -> None:
    """Load every card's image, with its card renditions, in two queries."""
    wanted = {}
    for card in cards:
        field = card_image_field(type(card))
        if field and field not in card._state.fields_cache:
            image_id = getattr(card, f"{field}_id", None)
            if image_id:
                wanted.setdefault(image_id, []).append((card, field))
    if not wanted:
        return
    images = get_image_model().objects.filter(pk__in=wanted).prefetch_renditions(*CARD_SPECS)
    for image in images:
        for card, field in wanted[image.pk]:
            setattr(card, field, image)
