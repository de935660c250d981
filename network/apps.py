from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network health")

    def ready(self):
        from home import blocks
        from network import charts, public

        blocks.register_network_figures(public.block_figures)

        # The dashboard's own charts; other apps add theirs the same way (charts.register).
        charts.register_builtin()
