from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network health")

    def ready(self):
        from network import charts

        # The dashboard's own charts; other apps add theirs the same way (charts.register).
        charts.register_builtin()
