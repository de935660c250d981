"""Who may issue and revoke partners' API tokens (see docs/roles.md)."""

from home.permissions import ACCESS_ADMIN, has

ADD = "api.add_apitoken"
CHANGE = "api.change_apitoken"
VIEW = "api.view_apitoken"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "API managers": [ACCESS_ADMIN, ADD, CHANGE, VIEW],
}


def can_manage_tokens(user) -> bool:
    """Issue, scope and revoke partner organisations' API tokens; read their use log."""
    return has(user, ADD) and has(user, CHANGE)


def can_view_tokens(user) -> bool:
    return has(user, VIEW) or can_manage_tokens(user)
