from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        # A member's name and profile (not their last_login: page_cache._user_noise).
        from home import page_cache

        page_cache.register(
            shown=("community.Profile", "community.User"),
            private_sections=("community/profile/", "community/network/", "community/account/"),
        )
        from community import signals  # noqa: F401
        from community.selectors import connections_of, me_network, search_members, unread_requests
        from community.sitemaps import MemberSitemap
        from home import badges, me, search, sitemaps

        badges.register("requests", unread_requests)
        badges.register("connections", connections_of)
        sitemaps.register("members", MemberSitemap)
        search.register_source(
            search.SearchSource(
                "members", _("Members"), search_members, "community/includes/search_member.html"
            )
        )
        me.register(
            me.Section(
                key="network",
                title=_("My network"),
                template="community/includes/me_section.html",
                items=me_network,
                link="community:network",
                link_label=_("Open my network"),
                order=50,
            )
        )
