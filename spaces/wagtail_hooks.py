"""Staff screens: groups (originals only; their words translated through
wagtail-localize's Translate action), with filters and spreadsheet export, for group
managers (``spaces.manage_space``) only. Staff create coalitions and chapters here and
choose hosts from the group's own members page."""

from django.utils.translation import gettext_lazy as _

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from home.exports import SpreadsheetExportMixin
from spaces import permissions
from spaces.models import Space


class ManageSpacePolicy(ModelPermissionPolicy):
    """Every action on groups needs ``spaces.manage_space``. Nobody deletes a group here:
    its members' threads and posts would go with it (archive it instead)."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return permissions.is_group_staff(user)

    def users_with_any_permission(self, actions):
        if set(actions) <= {"delete"}:
            return self._get_users_with_any_permission_codenames([])
        return self._get_users_with_any_permission_codenames(["manage_space"])


class SpaceIndexView(SpreadsheetExportMixin, IndexView):
    """The kernel's spreadsheet export (formula-safe)."""


class SpaceViewSet(SnippetViewSet):
    model = Space
    icon = "group"
    menu_label = _("Groups")
    add_to_admin_menu = True
    menu_order = 255
    index_view_class = SpaceIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["name", "kind", "access", "region", "created_at"]
    list_filter = ["kind", "access", "region"]
    list_export = [
        "name",
        "slug",
        "get_kind_display",
        "get_access_display",
        "theme",
        "get_region_display",
        "created_at",
        "archived_at",
    ]
    export_headings = {
        "get_kind_display": _("Kind"),
        "get_access_display": _("Access"),
        "get_region_display": _("Region"),
    }
    export_filename = "groups"
    search_fields = ["name", "description", "slug"]

    def get_queryset(self, request):
        return Space.objects.originals().select_related("theme")


register_permission_policy(Space, ManageSpacePolicy(Space))
register_snippet(SpaceViewSet)
