"""The moderation desk in the admin: "Reported messages", for moderators only.

There is deliberately no admin listing of conversations or messages: staff read only
what members reported to them (see ``messaging.admin_views``).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from messaging import admin_views, permissions


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("reported-messages/", admin_views.report_list, name="messaging_reports"),
        path("reported-messages/<int:pk>/", admin_views.report_detail, name="messaging_report"),
        path(
            "reported-messages/<int:pk>/<slug:action>/",
            admin_views.report_action,
            name="messaging_report_action",
        ),
        path("moderation-log/", admin_views.moderation_log, name="messaging_moderation_log"),
        path(
            "moderation-log/suspensions/<int:user_id>/lift/",
            admin_views.suspension_lift,
            name="messaging_suspension_lift",
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Reported messages"), reverse("messaging_reports"), icon_name="warning", order=270
    )
