from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from home.images import image_field


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    """Someone who speaks at events. Optionally linked to a member's account.

    The link shows on the event page only if the member's profile is visible to the
    reader (``events.selectors.speakers_for``); otherwise the speaker shows as text.
    """

    name = models.CharField(max_length=150, verbose_name=_("Name"))
    role = models.CharField(max_length=200, blank=True, verbose_name=_("Role and organisation"))
    bio = models.TextField(blank=True, max_length=1200, verbose_name=_("Short biography"))
    photo = image_field(_("Photo"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="speaker_entries",
        verbose_name=_("Member account"),
        help_text=_("Link the speaker to their member profile, if they have one."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("Speaker")
        verbose_name_plural = _("Speakers")

    def __str__(self):
        return self.name
