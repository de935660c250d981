"""Staff screens: member profiles (filters, spreadsheet export, logged email reveal)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from community.models import Profile
from community.permissions import can_moderate_profiles
from home.errors import TextTooLong
from home.exports import SpreadsheetExportMixin


class ProfileIndexView(SpreadsheetExportMixin, IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.append(
            MenuItem(
                _("Reveal email address"),
                url=reverse("community_profile_reveal_email", args=[instance.pk]),
                icon_name="mail",
                priority=90,
            )
        )
        return buttons


def reveal_email(request, pk):
    """Show one member's email address to staff, after saying why; every reveal is logged."""
    if not can_moderate_profiles(request.user):
        raise PermissionDenied
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    email = None
    error = ""
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            error = _("Please say why you need this address.")
        elif len(reason) > 300:
            error = TextTooLong("too_long", params={"length": len(reason), "limit": 300}).message
        else:
            log(
                profile,
                "community.reveal_email",
                user=request.user,
                data={"reason": reason},
            )
            email = profile.user.email
    return TemplateResponse(
        request,
        "community/admin/reveal_email.html",
        {"profile": profile, "email": email, "error": error},
    )


class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "group"
    menu_label = _("Member profiles")
    add_to_admin_menu = True
    menu_order = 250
    index_view_class = ProfileIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["display_name", "headline", "sector", "country", "visibility", "created_at"]
    list_filter = ["visibility", "sector", "region"]
    list_export = [
        "display_name",
        "headline",
        "organisation",
        "get_sector_display",
        "country.name",
        "city",
        "get_region_display",
        "get_visibility_display",
        "created_at",
    ]
    export_headings = {
        "get_sector_display": _("Sector"),
        "country.name": _("Country"),
        "get_region_display": _("Region"),
        "get_visibility_display": _("Who can see the profile"),
    }
    export_filename = "member-profiles"
    # The photo is not editable here: uploads only go through community.photos.
    panels = [
        FieldPanel("display_name"),
        FieldPanel("headline"),
        FieldPanel("organisation"),
        FieldPanel("sector"),
        FieldPanel("country"),
        FieldPanel("city"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("visibility"),
                FieldPanel("organisation_visibility"),
                FieldPanel("location_visibility"),
                FieldPanel("photo_visibility"),
                FieldPanel("links_visibility"),
            ],
            _("Privacy"),
        ),
    ]
    search_fields = ["display_name", "headline", "organisation"]
    inspect_view_fields = [
        "display_name",
        "headline",
        "organisation",
        "sector",
        "country",
        "city",
        "region",
        "languages",
        "bio",
        "links",
        "open_to",
        "visibility",
        "organisation_visibility",
        "location_visibility",
        "photo_visibility",
        "links_visibility",
        "created_at",
        "updated_at",
    ]


class NoAddPolicy(ModelPermissionPolicy):
    """Profiles come with accounts; staff moderate them but never create one by hand."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Profile, NoAddPolicy(Profile))
register_snippet(ProfileViewSet)


@hooks.register("register_admin_urls")
def register_reveal_url():
    return [
        path(
            "community/profiles/<int:pk>/reveal-email/",
            reveal_email,
            name="community_profile_reveal_email",
        )
    ]


@hooks.register("register_log_actions")
def register_community_actions(actions):
    actions.register_action(
        "community.reveal_email",
        _("Reveal email address"),
        _("Revealed the member's email address"),
    )
