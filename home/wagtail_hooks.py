from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home import serving
from home.models import OutboxEmail, SiteSettings, Theme

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
