"""Every write about spaces (one module per concern, all re-exported here)."""

from spaces.services.membership import (
    host_set,
    invitation_answer,
    member_remove,
    request_answer,
    space_invite,
    space_join,
    space_leave,
    space_request,
)
from spaces.services.sync import (
    ensure_all,
    ensure_alumni_networks,
    ensure_cohort_space,
    ensure_thematic_network,
    sync_automatic,
)

__all__ = [
    "ensure_all",
    "ensure_alumni_networks",
    "ensure_cohort_space",
    "ensure_thematic_network",
    "host_set",
    "invitation_answer",
    "member_remove",
    "request_answer",
    "space_invite",
    "space_join",
    "space_leave",
    "space_request",
    "sync_automatic",
]
