from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards import selectors, signals  # noqa: F401
        from home import me

        me.register(
            me.Section(
                key="awards",
                title=_("My nominations"),
                template="awards/includes/me_section.html",
                items=selectors.me_nominations,
                link="awards:my_nominations",
                link_label=_("All my nominations"),
                order=30,
            )
        )
