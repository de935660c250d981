from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, PreviewableMixin, TranslatableMixin
from wagtail.search import index

from home.blocks import LinkBlock
from home.request_memo import forget, memo


class Theme(TranslatableMixin, index.Indexed, models.Model):
    """A partnership-wide theme (anti-corruption, climate action, ...).

    Editors manage the list; every app tags its content with it.
    """

    name = models.CharField(max_length=80, verbose_name=_("Name"))
    slug = models.SlugField(max_length=80, verbose_name=_("Slug"))
    description = models.TextField(blank=True, max_length=500, verbose_name=_("Description"))
    sort_order = models.PositiveSmallIntegerField(default=0, verbose_name=_("Order"))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("Theme")
        verbose_name_plural = _("Themes")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)
        forget("theme_names")

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget("theme_names")
        return result

    @classmethod
    def in_locales(cls, locale: Locale | None = None) -> list["Theme"]:
        """Every theme in ``locale`` (default: the reader's) and in the default language, in
        the themes' order: one query, once per request (the search form, the cards' themes,
        the thematic networks' names and the filters all read from it)."""
        locale = locale or Locale.get_active()
        default = Locale.get_default()
        return memo(
            ("theme_names", "rows", locale.pk, default.pk),
            lambda: list(cls.objects.filter(locale__in={locale.pk, default.pk})),
        )

    @classmethod
    def for_locale(cls, locale: Locale | None = None) -> list["Theme"]:
        """The themes in ``locale`` (default: the reader's), else the default language's."""
        locale = locale or Locale.get_active()
        rows = cls.in_locales(locale)
        default = Locale.get_default()
        return [t for t in rows if t.locale_id == locale.pk] or [
            t for t in rows if t.locale_id == default.pk
        ]

    @classmethod
    def names(cls, locale: Locale | None = None) -> dict:
        """``{translation_key: name}`` in ``locale``, the default language filling gaps (one
        query, once per request: a page of cards and its filters all ask)."""
        locale = locale or Locale.get_active()
        rows = cls.in_locales(locale)
        return {
            t.translation_key: t.name for t in sorted(rows, key=lambda t: t.locale_id == locale.pk)
        }

    @classmethod
    def words(cls, locale: Locale | None = None) -> dict:
        """``{translation_key: (name, description)}`` of the themes in ``locale`` only (the
        same read as ``names``)."""
        locale = locale or Locale.get_active()
        return {
            t.translation_key: (t.name, t.description)
            for t in cls.in_locales(locale)
            if t.locale_id == locale.pk
        }


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(max_length=40, label=_("Network"))
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")


class SiteSettings(TranslatableMixin, PreviewableMixin, models.Model):
    """What the header and footer say, in each language (one per locale).

    A snippet rather than a Wagtail setting so that wagtail-localize translates it
    like everything else editors own.
    """

    organisation_name = models.CharField(
        max_length=120, default="OpenGov Collective", verbose_name=_("Organisation name")
    )
    tagline = models.CharField(max_length=200, blank=True, verbose_name=_("Tagline"))
    navigation = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("Main navigation"))
    footer_text = models.TextField(blank=True, max_length=600, verbose_name=_("Footer text"))
    footer_links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("Footer links"))
    social_links = StreamField(
        [("social", SocialLinkBlock())], blank=True, verbose_name=_("Social links")
    )
    contact_email = models.EmailField(blank=True, verbose_name=_("Contact email"))
    contact_address = models.TextField(blank=True, max_length=300, verbose_name=_("Postal address"))

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name"), FieldPanel("tagline")], _("Identity")),
        FieldPanel("navigation"),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_links"), FieldPanel("social_links")],
            _("Footer"),
        ),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_address")], _("Contact")),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Site settings")
        verbose_name_plural = _("Site settings")

    def __str__(self):
        return f"{self.organisation_name} ({self.locale.language_code})"

    def get_preview_template(self, request, mode_name):
        return "home/site_settings_preview.html"

    @classmethod
    def for_active_locale(cls) -> "SiteSettings":
        """The settings in the reader's language, else the default language's, else defaults.

        Read once per request and language (home/request_memo.py): the header, the footer
        and every template rendered for the request share the row, and its navigation
        pages are fetched once."""
        from django.utils import translation

        from home.request_memo import memo

        return memo(("site_settings", translation.get_language()), cls._for_active_locale)

    @classmethod
    def _for_active_locale(cls) -> "SiteSettings":
        locale = Locale.get_active()
        rows = {row.locale_id: row for row in cls.objects.select_related("locale")}
        if locale.pk in rows:
            return rows[locale.pk]
        default = Locale.get_default()
        if default.pk in rows:
            return rows[default.pk]
        return next(iter(rows.values()), None) or cls(locale=locale)
