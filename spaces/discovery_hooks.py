"""What the discovery work registers with the kernel: the site search's "Groups", the
sitemap section "groups", the member's "My groups", a profile's "Groups" and a theme
page's thematic network."""

from django.utils.translation import gettext_lazy as _


def profile_section(viewer, profile) -> dict | None:
    from spaces.page_selectors import profile_groups

    groups = profile_groups(viewer, profile)
    return {"groups": groups} if groups else None


def theme_aside(theme, viewer):
    from spaces import permissions
    from spaces.page_selectors import theme_network

    network = theme_network(theme, viewer)
    if network is None:
        return None
    return (
        "spaces/includes/theme_network.html",
        {
            "network": network,
            "network_membership": permissions.membership_of(viewer, network),
            "network_can_join": permissions.can_join(viewer, network),
        },
    )


def connect() -> None:
    from community import sections as profile_sections
    from home import me, search, sitemaps, themes
    from spaces.page_selectors import my_groups, search_groups
    from spaces.sitemaps import GroupSitemap

    sitemaps.register("groups", GroupSitemap)
    search.register_source(
        search.SearchSource(
            "groups", _("Groups"), search_groups, "spaces/includes/space_card.html", order=1500
        )
    )
    me.register(
        me.Section(
            key="groups",
            title=_("My groups"),
            template="spaces/includes/me_section.html",
            items=my_groups,
            link="spaces:index",
            link_label=_("Find groups"),
            order=40,
        )
    )
    profile_sections.register(
        profile_sections.ProfileSection(
            key="groups",
            template="spaces/includes/profile_groups.html",
            items=profile_section,
            order=50,
        )
    )
    themes.register_aside(theme_aside)
