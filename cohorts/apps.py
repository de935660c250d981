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
        from cohorts import checks, integrations, selectors, signals  # noqa: F401
        from home import circles, me, themes

        integrations.connect()
        # Reminders before deadlines (home.reminders): members with a draft application
        # before applications close, reviewers with unscored assignments before review closes.
        from cohorts import reminders as cohort_reminders
        from home import reminders

        cohort_reminders.register()
        reminders.register(
            reminders.Source(
                key="cohorts.reviewers",
                kind="cohorts.review_deadline",
                label=_("Reviewers with unscored assignments"),
                due=selectors.reviewers_due,
                permission="cohorts.manage_cohort",
            )
        )
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
