from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import admin_views, permissions
from events.models import EventPage, Registration, Speaker
from home.exports import SpreadsheetExportMixin


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "role", "user"]
    search_fields = ["name"]


class RegistrationIndexView(SpreadsheetExportMixin, IndexView):
    pass


class ReadOnlyRegistrations(ModelPermissionPolicy):
    """Registrations change only through events.services (locks, emails, audit log):
    the generic admin lists, inspects and exports them but never adds, edits or deletes."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        if action == "view":
            return permissions.can_view_registrations(user)
        return super().user_has_permission(user, action)


register_permission_policy(Registration, ReadOnlyRegistrations(Registration))


class RegistrationViewSet(ModelViewSet):
    """Every registration, filterable and exportable (CSV/XLSX, formula-safe).

    Manual add, cancel, promote and check-in are on the per-event screens
    (events.admin_views), which go through the services.
    """

    model = Registration
    icon = "group"
    menu_label = _("All registrations")
    add_to_admin_menu = False
    index_view_class = RegistrationIndexView
    inspect_view_enabled = True
    form_fields = ["show_in_attendee_list"]
    permission_policy = ReadOnlyRegistrations(Registration)
    list_display = ["name", "event", "status", "place", "queue_number", "attended_at", "created_at"]
    list_filter = {
        "event": ["exact"],
        "status": ["exact"],
        "place": ["exact"],
        "attended_at": ["isnull"],
        "added_by_staff": ["exact"],
    }
    list_export = [
        "name",
        "email",
        "event",
        "status",
        "place",
        "queue_number",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "attended_at",
        "show_in_attendee_list",
        "answers_text",
    ]
    export_headings = {"answers_text": _("Answers")}
    export_filename = "event-registrations"
    search_fields = ["name", "email"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Registration.objects.select_related("event")


registration_viewset = RegistrationViewSet("events_registration")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


register_snippet(SpeakerViewSet)


@hooks.register("register_admin_urls")
def events_admin_urls():
    urls = [
        path("", admin_views.event_list, name="events"),
        path("<int:event_id>/", admin_views.registrations, name="registrations"),
        path("<int:event_id>/check-in/", admin_views.check_in, name="check_in"),
        path(
            "<int:event_id>/check-in/counts/", admin_views.check_in_counts, name="check_in_counts"
        ),
        path(
            "<int:event_id>/check-in/offline/",
            admin_views.check_in_offline,
            name="check_in_offline",
        ),
        path("<int:event_id>/check-in/sync/", admin_views.check_in_sync, name="check_in_sync"),
        path(
            "<int:event_id>/check-in/list.csv",
            admin_views.check_in_list,
            {"fmt": "csv"},
            name="check_in_csv",
        ),
        path(
            "<int:event_id>/check-in/print/",
            admin_views.check_in_list,
            {"fmt": "print"},
            name="check_in_print",
        ),
        path("<int:event_id>/message/", admin_views.message, name="message"),
        path(
            "registration/<int:pk>/<str:action>/",
            admin_views.registration_action,
            name="registration_action",
        ),
    ]
    return [path("event-registrations/", include((urls, "events_admin")))]


class StaffMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return permissions.can_reach_event_staff_screens(request.user)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return StaffMenuItem(
        _("Event registrations"), reverse("events_admin:events"), icon_name="date", order=320
    )


def _event_buttons(page, user):
    if not isinstance(page.specific_deferred, EventPage):
        return
    if permissions.can_manage_registrations(user, page):
        yield MenuItem(
            _("Registrations"),
            reverse("events_admin:registrations", args=[page.pk]),
            icon_name="group",
            priority=45,
        )
    if permissions.can_check_in(user, page):
        yield MenuItem(
            _("Check-in"),
            reverse("events_admin:check_in", args=[page.pk]),
            icon_name="tick",
            priority=46,
        )


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from _event_buttons(page, user)


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from _event_buttons(page, user)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("events.register", _("Register"), _("Registered for the event"))
    actions.register_action("events.cancel", _("Cancel"), _("Registration cancelled"))
    actions.register_action("events.promote", _("Promote"), _("Promoted from the waiting list"))
    actions.register_action(
        "events.move_to_front", _("Move to front"), _("Moved to the front of the waiting list")
    )
    actions.register_action(
        "events.calendar_reset", _("Reset calendar address"), _("Personal calendar address reset")
    )
    actions.register_action("events.switch", _("Switch place"), _("Switched the kind of place"))
    actions.register_action("events.check_in", _("Check in"), _("Marked as attended"))
    actions.register_action("events.undo_check_in", _("Undo check-in"), _("Attendance removed"))
    actions.register_action("events.message", _("Message"), _("Message sent to registrants"))
