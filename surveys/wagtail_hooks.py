"""Admin for surveys: the Survey snippet (editors build it), the results screens and the
launch of a stakeholder survey (programme staff and superusers)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from surveys import admin_views, permissions
from surveys.models import Survey


class SurveyViewSet(SnippetViewSet):
    model = Survey
    icon = "list-ul"
    menu_label = _("Surveys")
    list_display = ["title", "audience", "opens_at", "closes_at"]
    list_filter = ["audience", "locale"]
    search_fields = ["title"]


register_snippet(SurveyViewSet)


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_see_results(request.user)


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(
        _("Survey results"), reverse("surveys_admin_index"), icon_name="list-ul", order=215
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("survey-results/", admin_views.results_index, name="surveys_admin_index"),
        path(
            "survey-results/<int:survey_id>/",
            admin_views.results,
            name="surveys_admin_results",
        ),
        path(
            "survey-results/<int:survey_id>/export.<str:fmt>",
            admin_views.export,
            name="surveys_admin_export",
        ),
        path(
            "survey-results/<int:survey_id>/launch/",
            admin_views.launch,
            name="surveys_admin_launch",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def survey_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Survey) and permissions.can_see_results(user):
        yield ListingButton(
            _("Results"),
            url=reverse("surveys_admin_results", args=[snippet.pk]),
            priority=60,
        )
