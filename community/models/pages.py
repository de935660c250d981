from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class DirectoryPage(Page):
    """The member directory. Editors place it, title it and translate it; the list itself
    always comes from ``Profile.objects.visible_to(viewer)``."""

    kind_label = _("Members")

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link"], verbose_name=_("Introduction")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    #: A list of people: search engines are asked not to index it (home.frame), so it
    #: is not in the sitemap either. Members who opt in are listed one by one instead.
    noindex = True

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Member directory")

    def serve(self, request, *args, **kwargs):
        from home.throttle import check

        # Reading the directory counts towards the scraping throttle (home.throttle).
        return check(request) or super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from community.directory import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(request))
        return context
