"""Staff screens: nominations, jurors, assignments, conflicts, and the results desk."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from awards import admin_views, permissions
from awards.canonical import CanonicalChoiceField, CanonicalFilter
from awards.models import ConflictOfInterest, JurorAssignment, JurorRole, Nomination
from home.exports import SpreadsheetExportMixin


class SafeExportIndexView(SpreadsheetExportMixin, IndexView):
    """The kernel's spreadsheet export (formula-safe, readable, in the staff's time zone)."""


class NominationFilterSet(WagtailFilterSet):
    """Each edition and category once (its canonical record, in the staff's language)."""

    programme = CanonicalFilter(kind="programme", label=_("Programme"))
    category = CanonicalFilter(kind="category", label=_("Category"))

    class Meta:
        model = Nomination
        fields = ["status", "shortlisted", "award", "kind"]


class JurorRoleFilterSet(WagtailFilterSet):
    programme = CanonicalFilter(kind="programme", label=_("Programme"))

    class Meta:
        model = JurorRole
        fields = ["publish_name"]


class JurorAssignmentFilterSet(WagtailFilterSet):
    programme = CanonicalFilter(
        kind="programme", label=_("Programme"), field_name="juror__programme"
    )
    category = CanonicalFilter(kind="category", label=_("Category"))

    class Meta:
        model = JurorAssignment
        fields = ["round"]


class CanonicalFormMixin:
    """The admin form's programme and category choices: one per translation group."""

    def get_form_class(self, *args, **kwargs):
        form_class = super().get_form_class(*args, **kwargs)
        overrides = {}
        if "programme" in form_class.base_fields:
            overrides["programme"] = CanonicalChoiceField(kind="programme", label=_("Programme"))
        if "category" in form_class.base_fields:
            overrides["category"] = CanonicalChoiceField(
                kind="category", label=_("Category"), required=False
            )
        return type(form_class.__name__, (form_class,), overrides) if overrides else form_class


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
    filterset_class = NominationFilterSet
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


class JurorRoleViewSet(CanonicalFormMixin, ModelViewSet):
    model = JurorRole
    icon = "group"
    menu_label = _("Jurors")
    index_view_class = SafeExportIndexView
    list_display = ["user", "programme", "publish_name", "public_name"]
    filterset_class = JurorRoleFilterSet
    list_export = ["user", "programme", "publish_name", "public_name", "public_title"]
    form_fields = ["programme", "user", "publish_name", "public_name", "public_title"]


class JurorAssignmentViewSet(CanonicalFormMixin, ModelViewSet):
    model = JurorAssignment
    icon = "list-ul"
    menu_label = _("Jury assignments")
    index_view_class = SafeExportIndexView
    list_display = ["juror", "round", "category", "nomination"]
    filterset_class = JurorAssignmentFilterSet
    list_export = ["juror", "round", "category", "nomination"]
    form_fields = ["juror", "round", "category", "nomination"]


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
        path("award-results/<int:pk>/assign/", admin_views.bulk_assign, name="awards_bulk_assign"),
        path(
            "award-results/<int:pk>/progress/",
            admin_views.jury_progress,
            name="awards_jury_progress",
        ),
        path("award-results/<int:pk>/rounds/", admin_views.programme_rounds, name="awards_rounds"),
        path(
            "award-results/nominations/<int:pk>/citation/",
            admin_views.nomination_citation,
            name="awards_citation",
        ),
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
        "awards.nomination_accepted",
        _("Accept nomination"),
        _("Nomination accepted by the nominee"),
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
    actions.register_action(
        "awards.jurors_bulk_assigned", _("Assign jurors in bulk"), _("Jurors assigned in bulk")
    )
    actions.register_action("awards.round_added", _("Add a round"), _("Judging round added"))
    actions.register_action(
        "awards.round_closed", _("Close a round"), _("Round closed; shortlist sent on")
    )
    actions.register_action(
        "awards.feedback_set", _("Write feedback"), _("Feedback to the nominee written")
    )
