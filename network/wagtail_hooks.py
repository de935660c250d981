"""The network health dashboard in the Wagtail admin, for programme staff."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from network import admin_views
from network.permissions import can_view_network_health


@hooks.register("register_admin_urls")
def network_admin_urls():
    urls = [
        path("", admin_views.dashboard, name="dashboard"),
        path("export/<slug:key>.<str:fmt>", admin_views.export, name="export"),
    ]
    return [path("network/", include((urls, "network_admin")))]


class NetworkMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_network_health(request.user)


@hooks.register("register_admin_menu_item")
def network_menu_item():
    return NetworkMenuItem(
        _("Network health"), reverse("network_admin:dashboard"), icon_name="pick", order=205
    )
