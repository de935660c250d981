"""StreamField blocks for the home page and simple pages.

Each StructBlock renders through its own template under templates/blocks/.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or, failing that, to an address."""

    label = blocks.CharBlock(max_length=60, required=False, label=_("Label"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Or an address"))

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": [_("Choose a page or enter an address.")]}
            )
        return value


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.TextBlock(max_length=300, required=False, label=_("Text"))
    image = ImageChooserBlock(required=False, label=_("Image"))
    primary_action = LinkBlock(required=False, label=_("Main action"))
    secondary_action = LinkBlock(required=False, label=_("Second action"))

    class Meta:
        icon = "title"
        label = _("Hero")
        template = "blocks/hero.html"


class FeaturedContentBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, label=_("Heading"))
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(label=_("Page")), min_num=1, max_num=6, label=_("Pages")
    )

    class Meta:
        icon = "pick"
        label = _("Featured content")
        template = "blocks/featured_content.html"

    def get_context(self, value, parent_context=None):
        """``cards``: the chosen pages in the reader's language (their live translation,
        as ``page.localized``), specific, with images and renditions, in a fixed number of
        queries (``home.selectors.cards_of_pages``), not three a card."""
        from wagtail.models import Locale, Page

        from home.selectors import cards_of_pages

        context = super().get_context(value, parent_context=parent_context)
        chosen = [page for page in value.get("pages") or [] if page is not None]
        active = Locale.get_active()
        elsewhere = [page.translation_key for page in chosen if page.locale_id != active.pk]
        translated = {}
        if elsewhere:
            translated = {
                page.translation_key: page
                for page in Page.objects.filter(
                    translation_key__in=elsewhere, locale=active, live=True
                )
            }
        shown = [translated.get(page.translation_key, page) for page in chosen]
        context["cards"] = [page for page in cards_of_pages(shown) if page.live]
        return context


class CallToJoinBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    text = blocks.TextBlock(max_length=400, required=False, label=_("Text"))
    button_label = blocks.CharBlock(max_length=40, label=_("Button label"))

    class Meta:
        icon = "user"
        label = _("Call to join")
        template = "blocks/call_to_join.html"


class ThemesGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, label=_("Heading"))
    intro = blocks.TextBlock(max_length=300, required=False, label=_("Introduction"))

    class Meta:
        icon = "table"
        label = _("Themes")
        template = "blocks/themes_grid.html"


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False, label=_("Heading"))
    body = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul"], label=_("Text")
    )

    class Meta:
        icon = "doc-full"
        label = _("Text section")
        template = "blocks/text_section.html"


#: What "The network in numbers" shows: a callable returning the latest public figures,
#: registered by the app that keeps them (network, from its ``apps.ready()``), so that
#: the kernel's blocks name no app.
_network_figures = None


def register_network_figures(read) -> None:
    global _network_figures
    _network_figures = read


class NetworkInNumbersBlock(blocks.StructBlock):
    """ "The network in numbers", for editors to place on a page: the latest daily figures
    (one query), every count about people under the small-cell rule."""

    heading = blocks.CharBlock(
        max_length=120, default=_("The network in numbers"), label=_("Heading")
    )
    intro = blocks.TextBlock(max_length=300, required=False, label=_("Introduction"))
    show_regions = blocks.BooleanBlock(
        required=False, default=True, label=_("Show members by region")
    )

    class Meta:
        icon = "pick"
        label = _("The network in numbers")
        template = "blocks/network_in_numbers.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["numbers"] = _network_figures() if _network_figures else None
        return context


class HomeStreamBlock(blocks.StreamBlock):
    hero = HeroBlock()
    featured = FeaturedContentBlock()
    call_to_join = CallToJoinBlock()
    themes = ThemesGridBlock()
    text = TextSectionBlock()
    network_in_numbers = NetworkInNumbersBlock()


class BodyStreamBlock(blocks.StreamBlock):
    text = TextSectionBlock()
    featured = FeaturedContentBlock()
    call_to_join = CallToJoinBlock()
    network_in_numbers = NetworkInNumbersBlock()
