from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.views.reports import PageReportView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale, Page

from content.models import StoryPage
from home.exports import SpreadsheetExportMixin


class MissingTranslationsReportView(SpreadsheetExportMixin, PageReportView):
    """Pages in the default language that lack a live translation in another language."""

    page_title = _("Pages lacking translations")
    header_icon = "globe"
    index_url_name = "content_missing_translations"
    index_results_url_name = "content_missing_translations_results"
    list_export = [*PageReportView.list_export, "missing_languages"]
    export_headings = {
        **PageReportView.export_headings,
        "missing_languages": _("Missing languages"),
    }

    def get_queryset(self):
        default = Locale.get_default()
        wanted = len(settings.LANGUAGES) - 1
        live_translations = (
            Page.objects.filter(translation_key=OuterRef("translation_key"), live=True)
            .exclude(locale=default)
            .order_by()
            .values("translation_key")
            .annotate(n=Count("pk"))
            .values("n")
        )
        self.queryset = (
            Page.objects.filter(locale=default, depth__gt=1)
            .annotate(translated=Coalesce(Subquery(live_translations), 0))
            .filter(translated__lt=wanted)
            .order_by("path")
            .specific(defer=True)
        )
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        pages = list(context.get("object_list") or [])
        if pages:
            live = {}
            for key, code in Page.objects.filter(
                translation_key__in=[p.translation_key for p in pages], live=True
            ).values_list("translation_key", "locale__language_code"):
                live.setdefault(key, set()).add(code)
            for page in pages:
                page.missing_languages = ", ".join(
                    code
                    for code, _name in settings.LANGUAGES
                    if code not in live.get(page.translation_key, set())
                )
        return context


@hooks.register("register_admin_urls")
def register_report_urls():
    view = MissingTranslationsReportView
    return [
        path(
            "reports/missing-translations/",
            view.as_view(),
            name="content_missing_translations",
        ),
        path(
            "reports/missing-translations/results/",
            view.as_view(results_only=True),
            name="content_missing_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return AdminOnlyMenuItem(
        _("Pages lacking translations"),
        reverse("content_missing_translations"),
        icon_name="globe",
        order=900,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "content.story_proposed", _("Propose story"), _("Story proposed by a member")
    )


class StoryIndexView(SpreadsheetExportMixin, PageIndexView):
    pass


class StoryListingViewSet(PageListingViewSet):
    """Every story in one list, with the member-proposed ones easy to find and export."""

    model = StoryPage
    index_view_class = StoryIndexView
    name = "stories"
    icon = "openquote"
    menu_label = _("Stories")
    add_to_admin_menu = True
    menu_order = 150
    list_filter = ["locale", "live", "publish_anonymously", "region", "country"]
    list_export = [
        "title",
        "locale",
        "live",
        "country",
        "region",
        "first_published_at",
        "publish_anonymously",
        "url",
    ]


@hooks.register("register_admin_viewset")
def register_story_listing():
    return StoryListingViewSet()
