"""Staff screens: nominations, jurors, assignments, conflicts, and the results desk."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from awards import admin_views, permissions
from awards.models import ConflictOfInterest, JurorAssignment, JurorRole, Nomination
from home.exports import SpreadsheetExportMixin


class SafeExportIndexView(SpreadsheetExportMixin, IndexView):
    """The kernel's spreadsheet export (formula-safe, readable, in the staff's time zone)."""


class NominationViewSet(ModelViewSet):
    model = Nomination
    icon = "pick"
    menu_label = _("Nominations")
    index_view_class = SafeExportIndexView
    add_view_enabled = False
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "nominee_name",
        "organisation",
        "category",
        "status",
        "duplicate_of",
        "shortlisted",
        "award",
        "submitted_at",
    ]
    list_filter = ["status", "shortlisted", "award", "kind", "programme", "category"]
    list_export = [
        "pk",
        "programme",
        "category",
        "status",
        "kind",
        "nominee_name",
        "organisation",
        "country",
        "sector",
        "contact_email",
        "nominator",
        "duplicate_of",
        "merged_into",
        "shortlisted",
        "award",
        "submitted_at",
    ]
    search_fields = ["nominee_name", "organisation"]
    form_fields = ["shortlisted", "award", "story_page"]
    inspect_view_fields = [
        "programme",
        "category",
        "status",
        "kind",
        "is_self",
        "nominee_name",
        "organisation",
        "country",
        "sector",
        "contact_email",
        "nominator",
        "nominee_user",
        "links",
        "duplicate_of",
        "merged_into",
        "shortlisted",
        "award",
        "submitted_at",
        "withdrawn_at",
        "declined_at",
    ]


class JurorRoleViewSet(ModelViewSet):
    model = JurorRole
    icon = "group"
    menu_label = _("Jurors")
    index_view_class = SafeExportIndexView
    list_display = ["user", "programme", "publish_name", "public_name"]
    list_filter = ["programme", "publish_name"]
    list_export = ["user", "programme", "publish_name", "public_name", "public_title"]
    form_fields = ["programme", "user", "publish_name", "public_name", "public_title"]


class JurorAssignmentViewSet(ModelViewSet):
    model = JurorAssignment
    icon = "list-ul"
    menu_label = _("Jury assignments")
    index_view_class = SafeExportIndexView
    list_display = ["juror", "category", "nomination"]
    list_filter = ["juror__programme"]
    list_export = ["juror", "category", "nomination"]
    form_fields = ["juror", "category", "nomination"]


class ConflictViewSet(ModelViewSet):
    model = ConflictOfInterest
    icon = "warning"
    menu_label = _("Conflicts of interest")
    index_view_class = SafeExportIndexView
    add_view_enabled = False
    list_display = ["juror", "nomination", "reason", "status", "created_at", "decided_at"]
    list_filter = ["status", "reason"]
    list_export = ["juror", "nomination", "reason", "status", "note", "created_at", "decided_at"]
    form_fields = ["status", "note"]


class AwardsGroup(ModelViewSetGroup):
    menu_label = _("Awards")
    menu_icon = "pick"
    menu_order = 250
    items = [NominationViewSet, JurorRoleViewSet, JurorAssignmentViewSet, ConflictViewSet]


@hooks.register("register_admin_viewset")
def register_awards_viewsets():
    return AwardsGroup()


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("award-results/", admin_views.programme_list, name="awards_results_index"),
        path("award-results/<int:pk>/", admin_views.programme_results, name="awards_results"),
    ]


class ResultsDeskMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_publish_results(request.user)


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsDeskMenuItem(
        _("Award results"), reverse("awards_results_index"), icon_name="table", order=260
    )


@hooks.register("register_log_actions")
def register_award_log_actions(actions):
    actions.register_action(
        "awards.nomination_withdrawn", _("Withdraw nomination"), _("Nomination withdrawn")
    )
    actions.register_action(
        "awards.nomination_declined",
        _("Decline nomination"),
        _("Nomination declined by the nominee"),
    )
    actions.register_action(
        "awards.nomination_merged", _("Merge nominations"), _("Duplicate nomination merged")
    )
    actions.register_action("awards.juror_appointed", _("Appoint juror"), _("Juror appointed"))
    actions.register_action("awards.juror_assigned", _("Assign juror"), _("Juror assigned"))
    actions.register_action(
        "awards.conflict_declared", _("Declare conflict"), _("Conflict of interest declared")
    )
    actions.register_action(
        "awards.conflict_confirmed", _("Confirm conflict"), _("Conflict of interest confirmed")
    )
    actions.register_action(
        "awards.conflict_dismissed", _("Dismiss conflict"), _("Conflict of interest dismissed")
    )
    actions.register_action(
        "awards.deliberation_opened", _("Open deliberation"), _("Deliberation opened")
    )
    actions.register_action("awards.result_set", _("Set result"), _("Award result set"))
    actions.register_action(
        "awards.results_published", _("Publish results"), _("Award results published")
    )
