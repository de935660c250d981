from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock, HomeStreamBlock


class HomePage(Page):
    """The root page of each language tree."""

    kind_label = _("Home")

    body = StreamField(HomeStreamBlock(), blank=True, verbose_name=_("Sections"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Home page")


class StandardPage(Page):
    """A plain page editors use for 'About', 'Privacy', 'Contact' and the like."""

    kind_label = _("Page")

    intro = models.TextField(blank=True, max_length=400, verbose_name=_("Introduction"))
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("Body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("Standard page")
