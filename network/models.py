"""One row a day of the network's aggregate figures (see network/figures.py).

The counts are stored raw: this table is for programme staff only, and every surface that
shows or exports a figure passes it through the small-cell rule (``home.aggregates.cell``)
on the way out (network/charts.py, network/public.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    day = models.DateField(verbose_name=_("Day"))
    #: The figures of ``network.figures.compute`` (a JSON document, version ``SCHEMA``).
    figures = models.JSONField(default=dict)
    taken_at = models.DateTimeField(verbose_name=_("Taken"))
    #: Rebuilt later by ``backfill_network`` from the timestamps the data keeps, rather
    #: than taken on the day (some figures are then approximate: see network/figures.py).
    backfilled = models.BooleanField(default=False, verbose_name=_("Rebuilt from history"))

    class Meta:
        ordering = ["-day"]
        verbose_name = _("Network snapshot")
        verbose_name_plural = _("Network snapshots")
        constraints = [
            models.UniqueConstraint(fields=["day"], name="one_network_snapshot_per_day"),
        ]
        permissions = [
            ("view_network_health", _("Can see the network health dashboard and its exports")),
        ]

    def __str__(self):
        return self.day.isoformat()
