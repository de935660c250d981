from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from api import admin_views, permissions


@hooks.register("register_admin_urls")
def register_token_urls():
    return [
        path("api-tokens/", admin_views.token_list, name="api_token_list"),
        path("api-tokens/new/", admin_views.token_create, name="api_token_create"),
        path("api-tokens/<int:pk>/", admin_views.token_detail, name="api_token_detail"),
        path("api-tokens/<int:pk>/revoke/", admin_views.token_revoke, name="api_token_revoke"),
    ]


class TokensMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_tokens(request.user)


@hooks.register("register_settings_menu_item")
def register_tokens_menu_item():
    return TokensMenuItem(_("API tokens"), reverse("api_token_list"), icon_name="key", order=900)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("api.token_create", _("Create token"), _("API token created"))
    actions.register_action("api.token_scopes", _("Change scopes"), _("API token scopes changed"))
    actions.register_action("api.token_revoke", _("Revoke token"), _("API token revoked"))
