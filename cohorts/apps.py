from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = _("Cohorts")

    def ready(self):
        from home import page_cache

        page_cache.register(
            shown=("cohorts.Participant", "cohorts.Certificate", "cohorts.PartnerOrganisation"),
            private_sections=("cohorts/applications/",),
        )
        from cohorts import integrations, selectors, signals  # noqa: F401
        from home import circles, me, themes

        integrations.connect()
        # Members with a draft application before applications close (home.reminders).
        from cohorts import reminders

        reminders.register()
        circles.register("cohorts", selectors.cohort_mates)
        me.register(
            me.Section(
                key="cohorts",
                title=_("My applications"),
                template="cohorts/includes/me_section.html",
                items=selectors.me_applications,
                link="cohorts:my_applications",
                link_label=_("All my applications"),
                order=20,
            )
        )
        themes.register(
            themes.ThemeSection(
                key="cohorts_open",
                label=_("Open cohorts"),
                items=selectors.theme_open_cohorts,
                order=10,
            )
        )
