"""Who may see the network's health: programme staff (and superusers, who hold every
permission). The figures are aggregates, but the raw table behind them is not: nobody
else sees the dashboard or its exports. Public figures (the block, the open-data file)
need no permission and are always under the small-cell rule."""

from home.permissions import ACCESS_ADMIN, has

VIEW_PERM = "network.view_network_health"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Programme staff": [ACCESS_ADMIN, VIEW_PERM],
}


def can_view_network_health(user) -> bool:
    """The staff dashboard at /admin/network/ and its CSV and XLSX exports."""
    return has(user, VIEW_PERM)
