"""StreamField blocks for stories, resources and news (templates under templates/blocks/)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import NetworkInNumbersBlock, TextSectionBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        max_length=200,
        required=False,
        label=_("Text alternative"),
        help_text=_("Describe the image for people who cannot see it. Leave empty if decorative."),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/content_image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("Quote"))
    attribution = blocks.CharBlock(max_length=150, required=False, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/content_quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(max_length=150, required=False, label=_("Title"))
    description = blocks.TextBlock(max_length=300, required=False, label=_("Description"))

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "blocks/content_document.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The body of stories, resources, news and guide chapters."""

    text = TextSectionBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        label=_("Paragraph"),
    )
    image = ImageBlock()
    quote = QuoteBlock()
    download = DocumentBlock()
    network_in_numbers = NetworkInNumbersBlock()


class RelatedStreamBlock(blocks.StreamBlock):
    """Pages linked from a story: resources, events (any page type, so other apps fit in)."""

    resource = blocks.PageChooserBlock(
        page_type=["content.ResourcePage", "content.GuidePage"], label=_("Resource")
    )
    event = blocks.PageChooserBlock(
        label=_("Event"), help_text=_("An event or programme page (any page type).")
    )
    page = blocks.PageChooserBlock(label=_("Other page"))
