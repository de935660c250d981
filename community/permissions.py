"""Who may do what with members' profiles.

Seeing every profile (hidden ones included, every field) is what staff who look after
the community need, and the profile screens of the admin show the same to whoever may
view them: so both follow ``community.view_profile``. Editing a profile, and revealing a
member's email address (logged, with a reason), follow ``community.change_profile``.
"""

from home.permissions import ACCESS_ADMIN, has

VIEW_PROFILES = "community.view_profile"
CHANGE_PROFILES = "community.change_profile"

#: group name → permissions (see docs/roles.md).
GROUPS = {
    "Community moderators": [ACCESS_ADMIN, VIEW_PROFILES, CHANGE_PROFILES],
}


def can_see_hidden_profiles(user) -> bool:
    """Sees every profile and every field, whatever its audience (blocks still apply to
    suggestions)."""
    return has(user, VIEW_PROFILES)


def can_moderate_profiles(user) -> bool:
    """Edits members' profiles in the admin, and may reveal an email address."""
    return has(user, CHANGE_PROFILES) and has(user, ACCESS_ADMIN)
