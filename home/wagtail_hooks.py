from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import reminder_admin, serving
from home.models import OutboxEmail, SentReminder, SiteSettings, Theme

hooks.register("before_serve_page", serving.remember_served_page)


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]


class SiteSettingsViewSet(SnippetViewSet):
    model = SiteSettings
    icon = "cogs"
    menu_label = _("Site settings")
    add_to_settings_menu = True


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Staff may look at outgoing mail; nobody edits it by hand."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)


class OutboxViewSet(SnippetViewSet):
    model = OutboxEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "reason", "language"]
    list_export = ["to", "subject", "status", "attempts", "last_error", "created_at", "sent_at"]
    search_fields = ["to", "subject"]
    inspect_view_fields = [
        "to",
        "subject",
        "language",
        "reason",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "queued_at",
        "sent_at",
        "body_text",
    ]


register_permission_policy(OutboxEmail, ReadOnlyPolicy(OutboxEmail))
register_snippet(ThemeViewSet)
register_snippet(SiteSettingsViewSet)
register_snippet(OutboxViewSet)


# ---------------------------------------------------------------------------
# Reminders (home.reminders): who was reminded, and the reminder times
# ---------------------------------------------------------------------------


class SentReminderViewSet(ModelViewSet):
    model = SentReminder
    icon = "time"
    menu_label = _("Reminders sent")
    add_to_settings_menu = True
    url_prefix = "reminders-sent"
    index_view_class = reminder_admin.SentReminderIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "email",
        Column("source_label", label=_("Reminder")),
        "target",
        Column("offset_label", label=_("Before the deadline")),
        "deadline",
        "sent_at",
    ]
    list_export = [
        "email",
        "recipient_key",
        "source",
        "kind",
        "target",
        "offset_label",
        "deadline",
        "sent_at",
    ]
    export_headings = {
        "offset_label": _("Before the deadline"),
        "source": _("Reminder"),
        "recipient_key": _("Recipient key"),
    }
    export_filename = "reminders-sent"
    search_fields = ["email", "target"]
    form_fields = ["source"]


register_permission_policy(SentReminder, reminder_admin.SentReminderPolicy(SentReminder))


@hooks.register("register_admin_viewset")
def register_sent_reminder_viewset():
    return SentReminderViewSet("home_sent_reminders")


@hooks.register("register_admin_urls")
def reminder_admin_urls():
    return [path("reminder-times/", reminder_admin.schedule, name="home_reminder_times")]


class ReminderTimesMenuItem(MenuItem):
    def is_shown(self, request):
        return reminder_admin.can_see_reminders(request.user)


@hooks.register("register_settings_menu_item")
def register_reminder_times_menu_item():
    return ReminderTimesMenuItem(
        _("Reminder times"), reverse("home_reminder_times"), icon_name="time", order=900
    )


@hooks.register("register_log_actions")
def register_reminder_log_actions(actions):
    actions.register_action(
        "home.reminder_times", _("Change reminder times"), _("Reminder times changed")
    )


@hooks.register("before_serve_document")
def documents_stay_as_private_as_where_they_are_used(document, request):
    """A document an app shows to some readers only is served to them only
    (``home.document_guards``)."""
    from home import document_guards

    return document_guards.before_serve(document, request)
