from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.images import image_field


class PartnerOrganisation(TranslatableMixin, index.Indexed, models.Model):
    """A school of government, leadership institute or other partner of a programme."""

    name = models.CharField(max_length=160, verbose_name=_("Name"))
    description = models.TextField(blank=True, max_length=500, verbose_name=_("Description"))
    url = models.URLField(blank=True, verbose_name=_("Website"))
    logo = image_field(_("Logo"))

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("url"), FieldPanel("logo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("Partner organisation")
        verbose_name_plural = _("Partner organisations")

    def __str__(self):
        return self.name
