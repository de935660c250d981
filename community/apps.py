from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from community import signals  # noqa: F401
        from community.selectors import unread_requests
        from home import badges

        badges.register("requests", unread_requests)
