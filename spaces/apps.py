from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "spaces"
    verbose_name = _("Groups")

    def ready(self):
        from home import circles
        from spaces import notifications, signals  # noqa: F401
        from spaces.circles import space_mates

        circles.register("spaces", space_mates)
