from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from network import charts
        from surveys import dashboard, signals  # noqa: F401

        charts.register(
            charts.ChartSource(
                key="trust",
                title=_("Trust between sectors, as answered"),
                order=200,
                build=dashboard.trust_chart,
                by_region=True,
            )
        )
