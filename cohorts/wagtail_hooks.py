"""Admin for cohorts: partner organisations, applications (reviewers only), the per-cohort
review screen with balanced selection, decisions, participants and certificates."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cohorts import admin_views, review_views, selectors
from cohorts.models import Application, CohortPage, PartnerOrganisation
from cohorts.permissions import can_review_applications, can_see_all_applications
from home.exports import SpreadsheetExportMixin


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partner organisations")
    list_display = ["name", "url"]
    search_fields = ["name"]


class ReviewerPolicy(ModelPermissionPolicy):
    """The list of every application is programme staff's: editors without the role see
    none, and cohort reviewers work from their queue (which respects blind review).
    Nobody adds, edits or deletes them here; the review screens call the services."""

    def user_has_permission(self, user, action):
        return action == "view" and can_see_all_applications(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ApplicationIndexView(SpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return (
            selectors.applications_visible_to(self.request.user)
            .select_related("cohort", "theme")
            .order_by("-submitted_at")
        )

    def get_edit_url(self, instance):
        return reverse("cohorts_admin_application", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        return []


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Cohort applications")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "cohort-applications"
    index_view_class = ApplicationIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "applicant_name",
        "cohort",
        "status",
        "country",
        "sector",
        "score",
        "submitted_at",
    ]
    list_filter = ["cohort", "status", "country", "region", "sector", "theme", "gender", "scope"]
    list_export = [
        "applicant_name",
        "cohort.title",
        "status",
        "released_status",
        "organisation",
        "role",
        "country",
        "region",
        "sector",
        "sector_family",
        "scope",
        "theme",
        "gender",
        "score",
        "submitted_at",
    ]
    export_filename = "cohort-applications"
    search_fields = ["applicant_name", "organisation"]
    form_fields = ["status"]


register_permission_policy(Application, ReviewerPolicy(Application))
register_snippet(PartnerOrganisationViewSet)


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet("cohort_applications")


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return can_review_applications(request.user)


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewerMenuItem(
        _("Cohort review"),
        reverse("cohorts_admin_index"),
        icon_name="tasks",
        order=205,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("cohort-review/", admin_views.review_index, name="cohorts_admin_index"),
        path(
            "cohort-review/<int:cohort_id>/",
            admin_views.cohort_review,
            name="cohorts_admin_cohort",
        ),
        path(
            "cohort-review/<int:cohort_id>/export.csv",
            admin_views.cohort_export,
            name="cohorts_admin_export",
        ),
        path(
            "cohort-review/<int:cohort_id>/release/",
            admin_views.release,
            name="cohorts_admin_release",
        ),
        path(
            "cohort-review/<int:cohort_id>/participants/",
            admin_views.participants,
            name="cohorts_admin_participants",
        ),
        path(
            "cohort-review/<int:cohort_id>/queue/",
            review_views.queue,
            name="cohorts_admin_queue",
        ),
        path(
            "cohort-review/<int:cohort_id>/assignments/",
            review_views.assignments,
            name="cohorts_admin_assignments",
        ),
        path(
            "cohort-review/<int:cohort_id>/move/",
            review_views.bulk_move,
            name="cohorts_admin_bulk_move",
        ),
        path(
            "cohort-review/review/<int:assignment_id>/",
            review_views.review,
            name="cohorts_admin_review",
        ),
        path(
            "cohort-review/application/<int:pk>/",
            admin_views.application_review,
            name="cohorts_admin_application",
        ),
    ]


@hooks.register("register_page_listing_buttons")
def cohort_review_button(page, user, next_url=None):
    specific_class = page.specific_class
    if (
        specific_class
        and issubclass(specific_class, CohortPage)
        and can_review_applications(user, page)
    ):
        yield ListingButton(
            _("Applications"),
            url=reverse("cohorts_admin_cohort", args=[page.pk]),
            priority=60,
        )


@hooks.register("register_log_actions")
def register_cohort_log_actions(actions):
    actions.register_action(
        "cohorts.status", _("Change application status"), _("Application status changed")
    )
    actions.register_action("cohorts.review_note", _("Add review note"), _("Review note added"))
    actions.register_action(
        "cohorts.withdraw", _("Withdraw application"), _("Application withdrawn by the applicant")
    )
    actions.register_action(
        "cohorts.reopen", _("Apply again"), _("Application reopened as a draft by the applicant")
    )
    actions.register_action(
        "cohorts.resubmit", _("Resubmit application"), _("Application submitted again")
    )
    actions.register_action("cohorts.review", _("Review application"), _("Review submitted"))
    actions.register_action("cohorts.assign", _("Assign reviewer"), _("Reviewer assigned"))
    actions.register_action("cohorts.unassign", _("Remove reviewer"), _("Reviewer removed"))
    actions.register_action(
        "cohorts.auto_assign", _("Assign reviewers automatically"), _("Reviewers assigned")
    )
    actions.register_action("cohorts.release", _("Release decisions"), _("Decisions released"))
    actions.register_action("cohorts.completion", _("Mark completion"), _("Completion marked"))
    actions.register_action(
        "cohorts.certificate_revoke", _("Revoke certificate"), _("Certificate revoked")
    )
    actions.register_action(
        "cohorts.certificate_sign", _("Sign certificate"), _("Certificate signed as a credential")
    )
