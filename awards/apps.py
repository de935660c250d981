from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        # Winners and juries are shown on the programme's page.
        from home import page_cache

        page_cache.register(
            shown=(
                "awards.AwardCategory",
                "awards.AwardCriterion",
                "awards.ProgrammeRound",
                "awards.Nomination",
                "awards.NominationCredit",
                "awards.JurorRole",
            ),
            private_sections=("award/nominations/", "award/jury/"),
        )
        from awards import reminders, selectors, signals  # noqa: F401

        # Draft nominations and unscored nominations before their deadlines (home.reminders).
        reminders.register()
        from home import me, themes

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
        themes.register(
            themes.ThemeSection(
                key="awards_open",
                label=_("Open award calls"),
                items=selectors.theme_open_calls,
                order=20,
            )
        )
