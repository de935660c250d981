"""The block "The network in numbers", for editors to place on a page's body.

It reads the latest snapshot (one query, network/public.py) and shows every count about
people under the small-cell rule."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class NetworkInNumbersBlock(blocks.StructBlock):
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
        from network.public import block_figures

        context = super().get_context(value, parent_context=parent_context)
        context["numbers"] = block_figures()
        return context
