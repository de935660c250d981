"""Reads over pages of any app: the reader's locale, cards, and pages tagged with themes.

Used by the site frame (search) and by every app's listings. Selectors never import
services or forms.
"""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, Q

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
